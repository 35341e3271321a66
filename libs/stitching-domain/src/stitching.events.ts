import type { NetworkIdentity } from './network-identity.js';
import type { DegradedReason, SiteRole } from './stitching-state.js';

export interface StitchedNetworkCreated {
  type: 'StitchedNetworkCreated';
  data: { identity: NetworkIdentity };
}

export interface SiteStitchingStarted {
  type: 'SiteStitchingStarted';
  data: { site: string; role: SiteRole };
}

export interface SiteValidated {
  type: 'SiteValidated';
  data: { site: string };
}

export interface SiteRejected {
  type: 'SiteRejected';
  data: { site: string; reason: string };
}

export interface SiteNetworkCreated {
  type: 'SiteNetworkCreated';
  data: { site: string; vimNetworkId: string };
}

export interface SiteActivated {
  type: 'SiteActivated';
  data: { site: string };
}

export interface SiteUnreachable {
  type: 'SiteUnreachable';
  data: { site: string; attempt: number; error: string; nextAttemptAt: string };
}

export interface DriftDetected {
  type: 'DriftDetected';
  data: { site: string; drift: 'deleted' | 'changed'; detail?: string };
}

/** A peer lost the home network it connects to (the home's network was deleted behind Vorch's back). */
export interface SiteDegraded {
  type: 'SiteDegraded';
  data: { site: string; reason: Extract<DegradedReason, 'peer-missing'> };
}

export interface SiteRepaired {
  type: 'SiteRepaired';
  data: { site: string; vimNetworkId: string };
}

/** The site stays degraded; `reason` is shown as the site's `failure` until it is repaired or torn down. */
export interface SiteRepairBlocked {
  type: 'SiteRepairBlocked';
  data: { site: string; reason: string };
}

export interface SiteTeardownStarted {
  type: 'SiteTeardownStarted';
  data: { site: string };
}

export interface SiteTornDown {
  type: 'SiteTornDown';
  data: { site: string };
}

export interface NetworkDeletionStarted {
  type: 'NetworkDeletionStarted';
  data: { networkId: string };
}

/** Every site's side is gone: the process manager releases `segmentation` to the federation's allocator. */
export interface StitchedNetworkDeleted {
  type: 'StitchedNetworkDeleted';
  data: { networkId: string; segmentation: NetworkIdentity['segmentation'] };
}

export type StitchingEvent =
  | StitchedNetworkCreated
  | SiteStitchingStarted
  | SiteValidated
  | SiteRejected
  | SiteNetworkCreated
  | SiteActivated
  | SiteUnreachable
  | DriftDetected
  | SiteDegraded
  | SiteRepaired
  | SiteRepairBlocked
  | SiteTeardownStarted
  | SiteTornDown
  | NetworkDeletionStarted
  | StitchedNetworkDeleted;
