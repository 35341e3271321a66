import { hostRange, parseCidr, parseIp } from '#vorch/ipam-domain';
import type { NeutronSubnet } from './openstack-wire.js';

/**
 * A subnet's allocation_pools, unless they are Neutron's default: every host address but the gateway (a gateway
 * inside splits them in two). Neutron shows pools on every subnet; leaving out the default ones reads back what a
 * create request said, where a subnet not named has exactly that default.
 */
export function poolsSetOn(s: NeutronSubnet): { start: string; end: string }[] | undefined {
  const pools = s.allocation_pools?.map(({ start, end }) => ({ start, end }));
  if (!pools) return undefined;
  try {
    const hosts = hostRange(parseCidr(s.cidr));
    const gateway = s.gateway_ip ? parseIp(s.gateway_ip).value : undefined;
    const byDefault = (gateway === undefined ? [hosts] : [{ first: hosts.first, last: gateway - 1n }, { first: gateway + 1n, last: hosts.last }])
      .map((r) => ({ first: r.first > hosts.first ? r.first : hosts.first, last: r.last < hosts.last ? r.last : hosts.last }))
      .filter((r) => r.first <= r.last);
    const shown = pools.map((p) => ({ first: parseIp(p.start).value, last: parseIp(p.end).value })).sort((a, b) => (a.first < b.first ? -1 : 1));
    const isDefault = shown.length === byDefault.length && shown.every((r, i) => r.first === byDefault[i].first && r.last === byDefault[i].last);
    return isDefault ? undefined : pools;
  } catch {
    // Addresses this parser refuses cannot be compared with the default: show them as Neutron gave them.
    return pools;
  }
}
