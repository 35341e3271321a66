/**
 * What a replica does with a projection: `running` (it leads and applies), `standby` (another replica leads),
 * `stopped` (it leads but stopped on an event it could not apply), `rebuilding` (it leads and replays from zero).
 */
export const PROJECTION_STATES = ['running', 'standby', 'stopped', 'rebuilding'] as const;
export type ProjectionState = (typeof PROJECTION_STATES)[number];

/** The event a stopped projection could not apply (the newest row of projection_failures for it). */
export interface ProjectionFailureView {
  seq: number;
  subject: string;
  error: string;
  attempts: number;
  failedAt: string;
}

/** A rebuild under way; units are stream messages (commits). */
export interface RebuildProgressView {
  applied: number;
  /** null until the replay cursor exists (a moment after the rebuild was accepted). */
  total: number | null;
  startedAt: string;
}

/** How the last rebuild on this replica ended. */
export interface RebuildOutcomeView {
  outcome: 'completed' | 'failed';
  applied: number;
  total: number | null;
  startedAt: string;
  finishedAt: string;
  /** The error code and message of a failed rebuild. */
  error?: { code: string; message: string };
}

export interface ProjectionStatusView {
  name: string;
  service: string;
  /** The replica this view is from (the leader's when merged by the gateway). */
  replica: string;
  state: ProjectionState;
  /** Last stream sequence applied (from PostgreSQL, the same for every replica). */
  checkpoint: number;
  /** Stream messages after the checkpoint (an upper bound with a narrow filter). */
  lagEvents: number;
  /** Present while `stopped`. */
  failure?: ProjectionFailureView;
  /** Present while `rebuilding`. */
  rebuild?: RebuildProgressView;
  lastRebuild?: RebuildOutcomeView;
  /** Set by the gateway: how many replicas of the service answered for this projection. */
  replicas?: number;
}

/** One replica's answer to the status scatter. */
export interface ReplicaProjectionsView {
  service: string;
  replica: string;
  projections: ProjectionStatusView[];
}

/** A service in the gateway's overview: `unreachable` when no replica answered the scatter in time. */
export interface ProjectionServiceView {
  service: string;
  reachable: boolean;
  replicas: number;
}

/** GET /v1/admin/projections: every projection of every service that answered, and every service asked. */
export interface ProjectionsOverviewView {
  items: ProjectionStatusView[];
  services: ProjectionServiceView[];
}
