/** One site's side of a stretched network, as the stitching state machine sees it. */
export interface SiteStitchView {
  site: string;
  role: 'home' | 'peer';
  state: string;
  vimNetworkId: string | null;
  degradedReason: string | null;
  failure: string | null;
  retry: { attempt: number; nextAttemptAt: string; lastError: string } | null;
}

/**
 * A network's overall state, from its sites' states: `failed` if a site refused it, else `degraded` if a site is,
 * else `pending` while a site is still validating, activating or being torn down, else `active`; `deleting` and
 * `deleted` once its deletion started or ended.
 */
export const NETWORK_STATES = ['pending', 'active', 'degraded', 'failed', 'deleting', 'deleted'] as const;
export type NetworkState = (typeof NETWORK_STATES)[number];

export interface NetworkView {
  id: string;
  name: string;
  status: 'live' | 'deleting' | 'deleted';
  state: NetworkState;
  homeSite: string;
  segmentation: { type: string; id: number };
  subnets: {
    family: number;
    cidr: string;
    gateway: string | null;
    poolId: string;
    /** Present when the network was created with them (otherwise every host address). */
    allocationRanges?: { start: string; end: string }[];
    reserved?: { start: string; end: string; reason: string }[];
  }[];
  mtu: number;
  routeTargets: { import: string[]; export: string[] };
  sites: SiteStitchView[];
  /**
   * Position in the event stream this answer includes: on a command's answer, its commit (pass it as `minSeq` to a
   * following query); on a query's answer, the network's last event in the read model.
   */
  seq?: number;
  /** Present on answers from the read model (queries). */
  createdAt?: string;
  updatedAt?: string;
}

/** A port created on a site with the MAC/IP the home site's VIM allocated. */
export interface PortView {
  id: string;
  networkId: string;
  name: string;
  site: string;
  mac: string;
  ips: string[];
  /** The port (or address reservation) on the home site's VIM that holds the address. */
  homeVimPortId: string;
  /** The port on `site` (the same as homeVimPortId when `site` is the home site). */
  vimPortId: string;
}

export interface AllocationView {
  poolId: string;
  portId: string;
  address: string;
  source: string;
  mac: string | null;
  site: string | null;
  /** For an address the address manager allocated through the home VIM: its id (from the command id)… */
  allocationId: string | null;
  /** …and the reservation port on the home VIM (named `vorch-alloc-<allocationId>`) that holds it there. */
  vimPortId: string | null;
}

/** The MAC prefix a site's VIM hands out MACs from, canonical (`fa:16:3e:10:00:00/32`). */
export interface MacPrefixView {
  site: string;
  prefix: string;
}
