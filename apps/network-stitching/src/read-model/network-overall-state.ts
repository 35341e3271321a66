import type { NetworkState } from '#vorch/contracts';
import { StitchingState, type ExistingNetwork, type StitchingStateValue } from '#vorch/stitching-domain';

/** Site states that mean "still on its way" (towards active, or out of the network). */
const IN_PROGRESS: ReadonlySet<StitchingStateValue> = new Set([StitchingState.Validating, StitchingState.Activating, StitchingState.TearingDown]);

/**
 * One word for a whole network, so a list can be filtered by it: the worst of its sites' states (a refusal before
 * a degradation before work in progress), ignoring sites already torn down (removed from the network).
 */
export function overallState(network: ExistingNetwork): NetworkState {
  if (network.status === 'deleting' || network.status === 'deleted') return network.status;
  const states = network.sites.map((s) => s.state).filter((s) => s !== StitchingState.TornDown);
  if (states.includes(StitchingState.Failed)) return 'failed';
  if (states.includes(StitchingState.Degraded)) return 'degraded';
  if (states.some((s) => IN_PROGRESS.has(s))) return 'pending';
  return 'active';
}
