import type { NetworkIdentityRequest } from './network-identity.js';

/** POST /v1/networks: the home site and every site in `stretchTo` start validating. */
export interface CreateStitchedNetwork extends NetworkIdentityRequest {
  type: 'CreateStitchedNetwork';
  stretchTo: string[];
}

export interface AddSite {
  type: 'AddSite';
  site: string;
}

export interface RemoveSite {
  type: 'RemoveSite';
  site: string;
}

/** Tears down every site's side (peers before home) and, once all are gone, lets the segmentation id go. */
export interface DeleteStitchedNetwork {
  type: 'DeleteStitchedNetwork';
}

// Outcomes: what the service's driver calls and drift checks observed, reported back to the decider.

export interface RecordSiteValidated {
  type: 'RecordSiteValidated';
  site: string;
}

/** The site can never carry this network (unsupported segmentation type, MTU too large, CIDR clash): no retry. */
export interface RecordSiteRejected {
  type: 'RecordSiteRejected';
  site: string;
  reason: string;
}

export interface RecordSiteNetworkCreated {
  type: 'RecordSiteNetworkCreated';
  site: string;
  vimNetworkId: string;
}

/** A driver call failed because the site did not answer; `now` is the caller's clock, used for the retry schedule. */
export interface RecordSiteUnreachable {
  type: 'RecordSiteUnreachable';
  site: string;
  error: string;
  now: string;
}

/** The site's network was deleted or changed behind Vorch's back. */
export interface RecordDriftDetected {
  type: 'RecordDriftDetected';
  site: string;
  drift: 'deleted' | 'changed';
  detail?: string;
}

/** The site's network exists again as described (re-created after deletion, restored after a change, or reachable again). */
export interface RecordSiteRepaired {
  type: 'RecordSiteRepaired';
  site: string;
  vimNetworkId: string;
}

/**
 * A drifted network could not be restored without harm (e.g. a changed network that still carries ports, which a
 * delete and re-create would cut off): the site stays degraded and `reason` says what a person has to do.
 */
export interface RecordRepairBlocked {
  type: 'RecordRepairBlocked';
  site: string;
  reason: string;
}

export interface RecordSiteTornDown {
  type: 'RecordSiteTornDown';
  site: string;
}

export type StitchingCommand =
  | CreateStitchedNetwork
  | AddSite
  | RemoveSite
  | DeleteStitchedNetwork
  | RecordSiteValidated
  | RecordSiteRejected
  | RecordSiteNetworkCreated
  | RecordSiteUnreachable
  | RecordDriftDetected
  | RecordSiteRepaired
  | RecordRepairBlocked
  | RecordSiteTornDown;
