import { newerRebuildOutcome, type ProjectionServiceView, type ProjectionState, type ProjectionStatusView, type ProjectionsOverviewView, type ReplicaProjectionsView } from '#vorch/contracts';

// Which replica's view of a projection speaks for it: the one doing something with it, never a standby if another leads.
const weight: Record<ProjectionState, number> = { standby: 0, running: 1, stopped: 2, rebuilding: 3 };

/**
 * Turns the replicas' answers to the status scatter into one view per projection (the leading replica's, with the
 * newest rebuild outcome any replica remembers) and one line per service, `reachable: false` for an expected
 * service no replica of which answered.
 */
export function mergeProjectionStatuses(answers: ReplicaProjectionsView[], expectedServices: readonly string[]): ProjectionsOverviewView {
  const byProjection = new Map<string, ProjectionStatusView[]>();
  const replicasByService = new Map<string, Set<string>>();
  for (const answer of answers) {
    const replicas = replicasByService.get(answer.service) ?? new Set<string>();
    replicas.add(answer.replica);
    replicasByService.set(answer.service, replicas);
    for (const p of answer.projections) {
      const key = `${p.service}\u0000${p.name}`;
      byProjection.set(key, [...(byProjection.get(key) ?? []), p]);
    }
  }
  const items = [...byProjection.values()].map(speakerOf).sort((a, b) => a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
  const serviceNames = [...new Set([...expectedServices, ...replicasByService.keys()])].sort();
  const services: ProjectionServiceView[] = serviceNames.map((service) => {
    const replicas = replicasByService.get(service)?.size ?? 0;
    return { service, reachable: replicas > 0, replicas };
  });
  return { items, services };
}

function speakerOf(views: ProjectionStatusView[]): ProjectionStatusView {
  const speaker = views.reduce((best, v) => (weight[v.state] > weight[best.state] ? v : best));
  const lastRebuild = views.map((v) => v.lastRebuild).reduce(newerRebuildOutcome, undefined);
  const merged: ProjectionStatusView = { ...speaker, replicas: views.length };
  if (lastRebuild) merged.lastRebuild = lastRebuild;
  return merged;
}
