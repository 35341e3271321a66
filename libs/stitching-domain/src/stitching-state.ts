/** Where one site's side of a stretched network is in its life. */
export const StitchingState = {
  /** Checking that the site can carry the network (reachable, segmentation type, MTU, no overlapping CIDR). */
  Validating: 'validating',
  /** Creating the site's network; a peer waits for the home site's network to exist first. */
  Activating: 'activating',
  /** The site's network exists and, for a peer, so does the home network it connects to. */
  Active: 'active',
  /** Was active; now unreachable, drifted, or its home network is missing. Retried or repaired. */
  Degraded: 'degraded',
  TearingDown: 'tearing-down',
  TornDown: 'torn-down',
  /** The site refused the network during validation (a permanent reason); removing the site is the way out. */
  Failed: 'failed',
} as const;

export type StitchingStateValue = (typeof StitchingState)[keyof typeof StitchingState];

export type SiteRole = 'home' | 'peer';

export type DegradedReason = 'unreachable' | 'drift-deleted' | 'drift-changed' | 'peer-missing';

/** Set while a site does not answer: which attempt comes next and when, as data (the decider never reads a clock). */
export interface RetrySchedule {
  attempt: number;
  nextAttemptAt: string;
  lastError: string;
}

export interface SiteStitch {
  site: string;
  role: SiteRole;
  state: StitchingStateValue;
  /** The site's own network id, once its VIM created it. */
  vimNetworkId?: string;
  degradedReason?: DegradedReason;
  retry?: RetrySchedule;
  failure?: string;
}
