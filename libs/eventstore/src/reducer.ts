import type { EventEnvelope } from '#vorch/contracts';

export interface Reducer<S> {
  initialState: S;
  evolve(state: S, event: EventEnvelope): S;
  /**
   * Names the shape of S in snapshots. Change it whenever evolve or S change in a way old snapshots would not
   * match: snapshots with another schema are ignored and rebuilt by replay. Upcaster changes are noticed without it.
   */
  snapshotSchema?: string;
}

/** How a load went: what tests and the load metrics look at. */
export interface LoadStats {
  snapshot: 'hit' | 'miss' | 'stale' | 'off';
  /** Aggregate version the snapshot restored (0 without one). */
  snapshotVersion: number;
  replayedCommits: number;
  replayedEvents: number;
  /** True when this load wrote a new snapshot. */
  snapshotWritten: boolean;
}

export interface LoadedAggregate<S> {
  state: S;
  version: number;
  /** Stream sequence of the last commit: the expectedSeq of the next append (0 = the aggregate does not exist). */
  seq: number;
  /** Command ids already applied to this aggregate, remembered beyond the server's duplicate window. */
  handledCommands: ReadonlySet<string>;
  stats: LoadStats;
}
