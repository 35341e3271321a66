import type { NetworkIdentity } from './network-identity.js';
import { homeOf, siteNamed, type ExistingNetwork } from './stitched-network.state.js';
import { PeerNotReadyError, SiteNotStretchedError } from './stitching.errors.js';
import { StitchingState } from './stitching-state.js';

/**
 * What a peer site's driver is given to build its side, in no VIM's dialect: the identity (segmentation id, subnets,
 * gateway, MTU, route targets), the home network it joins, and the other sites already connected.
 */
export interface PeerDescription {
  site: string;
  identity: NetworkIdentity;
  home: { site: string; vimNetworkId: string };
  connectedPeers: { site: string; vimNetworkId: string }[];
}

/** Refused (STITCHING.PEER_NOT_READY) until the home network exists and is active: there is nothing to join before that. */
export function describeForPeer(state: ExistingNetwork, site: string): PeerDescription {
  if (!siteNamed(state, site)) throw new SiteNotStretchedError(state.identity.networkId, site);
  const home = homeOf(state);
  if (home.state !== StitchingState.Active || home.vimNetworkId === undefined) throw new PeerNotReadyError(state.identity.networkId, home.site);
  const connectedPeers = state.sites
    .filter((s) => s.role === 'peer' && s.site !== site && s.state === StitchingState.Active && s.vimNetworkId !== undefined)
    .map((s) => ({ site: s.site, vimNetworkId: s.vimNetworkId as string }));
  return { site, identity: state.identity, home: { site: home.site, vimNetworkId: home.vimNetworkId }, connectedPeers };
}
