import { ConflictError, VorchError } from '#vorch/contracts';

/** The command makes no sense in the site's current state (e.g. "network created" for a site being validated). */
export class IllegalStitchingTransitionError extends ConflictError {
  constructor(site: string, state: string, command: string) {
    super('STITCHING.ILLEGAL_TRANSITION', `${command} is not allowed while site ${site} is ${state}`, { site, state, command });
  }
}

export class SiteNotStretchedError extends VorchError {
  constructor(networkId: string, site: string) {
    super('STITCHING.SITE_NOT_STRETCHED', `Network ${networkId} is not stretched to site ${site}`, 404, { networkId, site });
  }
}

export class SiteAlreadyStretchedError extends ConflictError {
  constructor(networkId: string, site: string) {
    super('STITCHING.SITE_ALREADY_STRETCHED', `Network ${networkId} already reaches site ${site}`, { networkId, site });
  }
}

/** The home site owns the network (and its addresses): it leaves only when the whole network is deleted. */
export class HomeSiteRemovalError extends ConflictError {
  constructor(networkId: string, site: string) {
    super('STITCHING.HOME_SITE', `Site ${site} is the home of network ${networkId}; delete the network instead`, { networkId, site });
  }
}

export class NetworkExistsError extends ConflictError {
  constructor(networkId: string) {
    super('NETWORK.EXISTS', `Network ${networkId} already exists`, { networkId });
  }
}

export class NetworkDeletingError extends ConflictError {
  constructor(networkId: string) {
    super('NETWORK.DELETING', `Network ${networkId} is being deleted`, { networkId });
  }
}

/**
 * A site reported a network for a network Vorch has already deleted (a creation that finished after the delete).
 * `vimNetworkId` is in the details so that the caller deletes the orphan on that site.
 */
export class NetworkDeletedError extends ConflictError {
  constructor(networkId: string, site: string, vimNetworkId: string) {
    super('NETWORK.DELETED', `Network ${networkId} was deleted; site ${site}'s network ${vimNetworkId} is an orphan`, { networkId, site, vimNetworkId });
  }
}

/** A peer can only be described once the home site's network exists: the peer's network connects to it. */
export class PeerNotReadyError extends ConflictError {
  constructor(networkId: string, homeSite: string) {
    super('STITCHING.PEER_NOT_READY', `The network ${networkId} does not exist on its home site ${homeSite} yet`, { networkId, homeSite });
  }
}
