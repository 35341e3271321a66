import { formatIp, hostRange, parseCidr, parseIp, type Cidr, type IpAddress } from '#vorch/ipam-domain';
import { DriverRejectedError, type VimFault } from './driver-errors.js';
import type { CreateNetworkRequest } from './vim-driver.js';

/** An inclusive range of one subnet's addresses, as numbers. */
export interface PoolRange {
  start: bigint;
  end: bigint;
}

/** The pools asked for one subnet of a request, checked against it; the ranges in the order given. */
export interface SubnetPools {
  cidr: Cidr;
  ranges: PoolRange[];
}

/**
 * The request's pools, by the index in `cidrs` of the subnet each names. Checked before anything is sent, so a
 * refusal leaves nothing half made on the VIM: each CIDR named once and among `cidrs`, each range within its
 * subnet's host addresses and starting no later than it ends, no two ranges of a subnet overlapping.
 */
export function checkedAllocationPools(req: CreateNetworkRequest, fault: VimFault): Map<number, SubnetPools> {
  const checked = new Map<number, SubnetPools>();
  const refusal = (why: string) => new DriverRejectedError(`allocation pools: ${why}`, { ...fault, allocationPools: req.allocationPools });
  const cidrs = req.cidrs.map((c) => parsedOrUndefined(() => parseCidr(c)));
  for (const pool of req.allocationPools ?? []) {
    const cidr = parsedOrUndefined(() => parseCidr(pool.cidr));
    const index = cidr ? cidrs.findIndex((c) => c !== undefined && sameCidr(c, cidr)) : -1;
    if (!cidr || index < 0) throw refusal(`${pool.cidr} is not one of the network's CIDRs`);
    if (checked.has(index)) throw refusal(`${pool.cidr} is named twice`);
    const hosts = hostRange(cidr);
    const ranges = pool.ranges.map(({ start, end }) => {
      const [first, last] = [parsedOrUndefined(() => parseIp(start)), parsedOrUndefined(() => parseIp(end))];
      if (!inside(first, cidr, hosts) || !inside(last, cidr, hosts)) throw refusal(`${start}-${end} is not within the host addresses of ${pool.cidr}`);
      if (first.value > last.value) throw refusal(`${start}-${end} starts after it ends`);
      return { start: first.value, end: last.value };
    });
    const ascending = [...ranges].sort((a, b) => (a.start < b.start ? -1 : 1));
    if (ascending.some((r, i) => i > 0 && r.start <= ascending[i - 1].end)) throw refusal(`ranges of ${pool.cidr} overlap`);
    checked.set(index, { cidr, ranges });
  }
  return checked;
}

/** The ranges as text, in canonical form (what every VIM shows them back as). */
export function poolRangesText(pools: SubnetPools): { start: string; end: string }[] {
  return pools.ranges.map((r) => ({ start: formatIp(pools.cidr.family, r.start), end: formatIp(pools.cidr.family, r.end) }));
}

function sameCidr(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network === b.network && a.prefixLength === b.prefixLength;
}

function inside(ip: IpAddress | undefined, cidr: Cidr, hosts: { first: bigint; last: bigint }): ip is IpAddress {
  return ip !== undefined && ip.family === cidr.family && ip.value >= hosts.first && ip.value <= hosts.last;
}

function parsedOrUndefined<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
