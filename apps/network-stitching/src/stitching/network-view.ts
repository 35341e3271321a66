import type { NetworkView } from '#vorch/contracts';
import type { ExistingNetwork } from '#vorch/stitching-domain';
import { poolIdOf } from '../address-manager/pool-ids.js';

export function networkView(state: ExistingNetwork): NetworkView {
  const { identity } = state;
  return {
    id: identity.networkId,
    name: identity.name,
    status: state.status,
    homeSite: identity.homeSite,
    segmentation: identity.segmentation,
    subnets: identity.subnets.map((s) => ({ ...s, poolId: poolIdOf(identity.networkId, s.family) })),
    mtu: identity.mtu,
    routeTargets: identity.routeTargets,
    sites: state.sites.map((s) => ({
      site: s.site,
      role: s.role,
      state: s.state,
      vimNetworkId: s.vimNetworkId ?? null,
      degradedReason: s.degradedReason ?? null,
      failure: s.failure ?? null,
      retry: s.retry ?? null,
    })),
  };
}
