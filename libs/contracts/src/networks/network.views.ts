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

export interface NetworkView {
  id: string;
  name: string;
  status: 'live' | 'deleting' | 'deleted';
  homeSite: string;
  segmentation: { type: string; id: number };
  subnets: { family: number; cidr: string; gateway: string | null; poolId: string }[];
  mtu: number;
  routeTargets: { import: string[]; export: string[] };
  sites: SiteStitchView[];
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
}
