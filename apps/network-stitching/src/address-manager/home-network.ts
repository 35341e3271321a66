import { homeOf, StitchingState } from '#vorch/stitching-domain';
import type { NetworkStore } from '../stitching/network-store.js';
import { SiteNotActiveError } from '../stitching/port-commands.js';

/** Where a network's addresses are held: its home site, and the network there once it exists. */
export interface HomeNetwork {
  networkId: string;
  site: string;
  state: string;
  vimNetworkId?: string;
}

/** The home of a network as its tenant sees it (another tenant's network is "not found", like a missing one). */
export type HomeNetworkOf = (networkId: string, tenantId: string) => Promise<HomeNetwork>;

/**
 * Requests for one network that arrive together share one load of its aggregate (64 parallel allocations would
 * otherwise replay it 64 times at once); nothing is kept once the load is answered.
 */
export function homeNetworkOf(networks: NetworkStore): HomeNetworkOf {
  const loading = new Map<string, Promise<HomeNetwork>>();
  const load = async (networkId: string, tenantId: string): Promise<HomeNetwork> => {
    const { state } = await networks.loadFor(networkId, tenantId);
    const home = homeOf(state);
    return { networkId, site: home.site, state: home.state, vimNetworkId: home.vimNetworkId };
  };
  return (networkId, tenantId) => {
    const key = `${tenantId}/${networkId}`;
    const running = loading.get(key);
    if (running) return running;
    const next = load(networkId, tenantId).finally(() => loading.delete(key));
    loading.set(key, next);
    return next;
  };
}

/** The home VIM allocates only on its own network, so that network must be up before anything is asked of it. */
export function requireActive(home: HomeNetwork): { site: string; vimNetworkId: string } {
  if (home.state !== StitchingState.Active || home.vimNetworkId === undefined) throw new SiteNotActiveError(home.networkId, home.site, home.state);
  return { site: home.site, vimNetworkId: home.vimNetworkId };
}
