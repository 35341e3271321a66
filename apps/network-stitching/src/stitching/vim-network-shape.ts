import { AddressPool, cidrsOverlap, parseCidr } from '#vorch/ipam-domain';
import { poolDefinitionOf, type NetworkIdentity } from '#vorch/stitching-domain';
import type { CreateNetworkRequest, Network } from '#vorch/vim-drivers';

/**
 * The name a network carries on every site's VIM. Derived from the network id (lowercase: some dialects only take
 * DNS labels), so that a retry after a lost answer finds the network it already created instead of making another.
 */
export const vimNetworkName = (networkId: string): string => `vn-${networkId.toLowerCase()}`;

/** The identity in the driver's generic request shape; every site, home or peer, gets the same one. */
export function createNetworkRequest(identity: NetworkIdentity): CreateNetworkRequest {
  // One gateway per subnet (one subnet per family): the driver gives each to the subnet of its family.
  const gateways = identity.subnets.flatMap((s) => (s.gateway !== null ? [s.gateway] : []));
  // A subnet with ranges or reserved addresses hands out on the VIM only what its pool allows; the others, as the VIM does.
  const allocationPools = identity.subnets
    .filter((s) => s.allocationRanges !== undefined || s.reserved !== undefined)
    .map((s) => ({ cidr: s.cidr, ranges: AddressPool.define(poolDefinitionOf(s)).handOutRanges() }));
  return {
    name: vimNetworkName(identity.networkId),
    cidrs: identity.subnets.map((s) => s.cidr),
    segmentation: { type: identity.segmentation.type, id: identity.segmentation.id },
    mtu: identity.mtu,
    ...(gateways.length === 1 ? { gateway: gateways[0] } : gateways.length > 1 ? { gateways } : {}),
    ...(allocationPools.length > 0 ? { allocationPools } : {}),
  };
}

/** What differs between the network a site shows and the identity (empty: as described). */
export function driftOf(identity: NetworkIdentity, network: Network): string[] {
  const diffs: string[] = [];
  if (network.name !== vimNetworkName(identity.networkId)) diffs.push(`name is ${network.name}`);
  const wanted = identity.subnets.map((s) => s.cidr).sort();
  const shown = [...(network.cidrs ?? [])].sort();
  if (shown.length > 0 && wanted.join(',') !== shown.join(',')) diffs.push(`cidrs are ${shown.join(',')}`);
  const seg = network.segmentation;
  if (seg?.id !== undefined && seg.id !== identity.segmentation.id) diffs.push(`segmentation id is ${seg.id}`);
  return diffs;
}

/** Why a site cannot carry the network (another network of its own clashes), or undefined when it can. */
export function clashOf(identity: NetworkIdentity, existing: Network[]): string | undefined {
  const mine = identity.subnets.map((s) => parseCidr(s.cidr));
  for (const network of existing) {
    if (network.name === vimNetworkName(identity.networkId)) continue;
    const seg = network.segmentation;
    if (seg?.type === identity.segmentation.type && seg.id === identity.segmentation.id) {
      return `segmentation ${seg.type} ${seg.id} is used by the site's network ${network.name}`;
    }
    for (const text of network.cidrs ?? []) {
      let theirs;
      try {
        theirs = parseCidr(text);
      } catch {
        continue; // a CIDR our parser refuses cannot be compared; the VIM will speak if it clashes
      }
      if (mine.some((m) => m.family === theirs.family && cidrsOverlap(m, theirs))) return `${text} of the site's network ${network.name} overlaps`;
    }
  }
  return undefined;
}
