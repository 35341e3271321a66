/**
 * How operators reach the projections (read models) of every service. `prefix` exists for tests that share one NATS
 * server (`t1a2b.qry.projections.status`); production uses no prefix.
 */
export function projectionAdminSubjects(prefix = '') {
  const p = prefix ? `${prefix}.` : '';
  return {
    /**
     * Scatter query: EVERY replica of every service answers with its own view of its projections (a
     * ReplicaProjectionsView), so the caller collects replies until a short deadline and merges them.
     */
    status: `${p}qry.projections.status`,
    /**
     * Starts a rebuild of one projection. Only the replica leading the projection subscribes, so a standby never
     * receives it (and never answers "not leader"); no responder means no replica leads it right now.
     */
    rebuild: (projection: string) => `${p}cmd.projections.rebuild.${projection}`,
  } as const;
}

export type ProjectionAdminSubjects = ReturnType<typeof projectionAdminSubjects>;

/**
 * The services that run projections, as they name themselves on the bus: a service missing from a status scatter is
 * reported as unreachable rather than silently left out.
 */
export const PROJECTION_SERVICES = ['inventory', 'network-stitching', 'interoperability-matrix', 'stats-collector'] as const;
