import { ADDRESS_BITS, formatCidr, formatIp, hostRange, IntervalSet, lastAddress, parseCidr, parseIp, type IpFamily } from '#vorch/ipam-domain';
import type { SubnetPools } from '../allocation-pools.js';
import type { WhereaboutsBounds } from './kubevirt-wire.js';

/**
 * The fewest CIDR blocks that together hold exactly the addresses from `start` to `end` (inclusive): from the low
 * end, each time the largest block aligned there that does not reach past `end`.
 */
export function cidrsCovering(family: IpFamily, start: bigint, end: bigint): string[] {
  const blocks: string[] = [];
  for (let at = start; at <= end; ) {
    let prefix = ADDRESS_BITS[family];
    let size = 1n;
    while (prefix > 0 && at % (size * 2n) === 0n && at + size * 2n - 1n <= end) {
      size *= 2n;
      prefix--;
    }
    blocks.push(`${formatIp(family, at)}/${prefix}`);
    at += size;
  }
  return blocks;
}

/**
 * Pools in whereabouts' terms: range_start and range_end bound them, and the holes between them are excluded as
 * CIDR blocks. Whereabouts hands out the lowest free address, so the order of the ranges cannot be kept; a subnet
 * with no range at all excludes itself whole.
 */
export function whereaboutsBounds(pools: SubnetPools): WhereaboutsBounds {
  const family = pools.cidr.family;
  const ascending = [...pools.ranges].sort((a, b) => (a.start < b.start ? -1 : 1));
  if (ascending.length === 0) return { exclude: [formatCidr(pools.cidr)] };
  const exclude = ascending.slice(1).flatMap((r, i) => (r.start > ascending[i].end + 1n ? cidrsCovering(family, ascending[i].end + 1n, r.start - 1n) : []));
  return {
    range_start: formatIp(family, ascending[0].start),
    range_end: formatIp(family, ascending[ascending.length - 1].end),
    ...(exclude.length > 0 ? { exclude } : {}),
  };
}

/**
 * What a range of a NetworkAttachmentDefinition hands out, read back: range_start to range_end (by default the
 * subnet's host addresses) less every excluded block, ascending. Undefined when none of the fields is set (every
 * host address but the gateway), or when they cannot be read (a NAD written by hand: its pools are unknown).
 */
export function poolsOfWhereabouts(range: string, bounds: WhereaboutsBounds): { start: string; end: string }[] | undefined {
  if (bounds.range_start === undefined && bounds.range_end === undefined && bounds.exclude === undefined) return undefined;
  try {
    const cidr = parseCidr(range);
    const hosts = hostRange(cidr);
    const start = bounds.range_start === undefined ? hosts.first : parseIp(bounds.range_start).value;
    const end = bounds.range_end === undefined ? hosts.last : parseIp(bounds.range_end).value;
    let left = start <= end ? IntervalSet.of([{ start, end }]) : IntervalSet.empty();
    for (const block of (bounds.exclude ?? []).map(parseCidr)) left = left.remove(block.network, lastAddress(block));
    return [...left.intervals()].map((r) => ({ start: formatIp(cidr.family, r.start), end: formatIp(cidr.family, r.end) }));
  } catch {
    return undefined;
  }
}
