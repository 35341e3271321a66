import type { ProjectionState } from '#vorch/contracts';

export interface RunnerFacts {
  /** This replica holds the projection's leader lock. */
  leads: boolean;
  /** The sequence it stopped on, if it stopped on a failing event. */
  stoppedAt: number | undefined;
  /** A rebuild accepted on this replica has not ended yet. */
  rebuilding: boolean;
}

/** A replica's state for one projection. A rebuild outranks a stop: it is the operator's way out of one. */
export function projectionState(f: RunnerFacts): ProjectionState {
  if (f.rebuilding) return 'rebuilding';
  if (!f.leads) return 'standby';
  return f.stoppedAt !== undefined ? 'stopped' : 'running';
}
