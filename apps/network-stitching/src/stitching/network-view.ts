import type { NetworkView, SiteStitchView } from '#vorch/contracts';
import type { ExistingNetwork, SiteStitch } from '#vorch/stitching-domain';
import { poolIdOf } from '../address-manager/pool-ids.js';
import { overallState } from '../read-model/network-overall-state.js';

/** The answer to a command, from the aggregate's state; queries answer the same shape from the read model. */
export function networkView(state: ExistingNetwork): NetworkView {
  const { identity } = state;
  return {
    id: identity.networkId,
    name: identity.name,
    status: state.status,
    state: overallState(state),
    homeSite: identity.homeSite,
    segmentation: identity.segmentation,
    subnets: identity.subnets.map((s) => ({ ...s, poolId: poolIdOf(identity.networkId, s.family) })),
    mtu: identity.mtu,
    routeTargets: identity.routeTargets,
    sites: state.sites.map(siteStitchView),
  };
}

export function siteStitchView(s: SiteStitch): SiteStitchView {
  return {
    site: s.site,
    role: s.role,
    state: s.state,
    vimNetworkId: s.vimNetworkId ?? null,
    degradedReason: s.degradedReason ?? null,
    failure: s.failure ?? null,
    retry: s.retry ?? null,
  };
}
