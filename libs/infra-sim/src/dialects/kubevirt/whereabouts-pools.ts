import { IntervalSet, lastAddress, parseCidr, type Cidr } from '#vorch/ipam-domain';
import type { AddressRangeText } from '../../model/allocation-ranges.js';
import { formatAddress, parseAddress, parseBlock, usableRange, type IpFamily } from '../../model/ip-block.js';
import { InvalidRequestError } from '../../model/sim-errors.js';

/**
 * The pools whereabouts' `range_start`, `range_end` and `exclude` leave to one subnet: from the start to the end
 * (by default its first and last usable address), less every excluded CIDR. Undefined when none of the three is
 * set: then the subnet hands out every usable address but the gateway. Whereabouts hands out the lowest free
 * address first, so the pools come out in ascending order whatever order the holes were written in.
 */
export function whereaboutsPools(entry: Record<string, unknown>, cidr: string): AddressRangeText[] | undefined {
  if (entry.range_start === undefined && entry.range_end === undefined && entry.exclude === undefined) return undefined;
  const block = parseBlock(cidr);
  const usable = usableRange(block);
  const start = entry.range_start === undefined ? usable.first : addressOf(entry.range_start, block.family, 'range_start');
  const end = entry.range_end === undefined ? usable.last : addressOf(entry.range_end, block.family, 'range_end');
  if (start > end) throw new InvalidRequestError(`spec.config ipam range_start of ${cidr} lies after its range_end`);
  if (entry.exclude !== undefined && !Array.isArray(entry.exclude)) throw new InvalidRequestError('spec.config ipam exclude must be a list of CIDRs');
  let left = IntervalSet.of([{ start, end }]);
  for (const hole of (entry.exclude ?? []) as unknown[]) {
    const excluded = cidrOf(hole, block.family);
    left = left.remove(excluded.network, lastAddress(excluded));
  }
  return [...left.intervals()].map((r) => ({ start: formatAddress(block.family, r.start), end: formatAddress(block.family, r.end) }));
}

function addressOf(value: unknown, family: IpFamily, field: string): bigint {
  const address = typeof value === 'string' ? parseAddress(value) : undefined;
  if (address?.family !== family) throw new InvalidRequestError(`spec.config ipam ${field} must be an IPv${family} address`);
  return address.value;
}

function cidrOf(value: unknown, family: IpFamily): Cidr {
  let cidr: Cidr | undefined;
  try {
    cidr = typeof value === 'string' ? parseCidr(value) : undefined;
  } catch {
    cidr = undefined;
  }
  if (cidr?.family !== family) throw new InvalidRequestError(`spec.config ipam exclude ${String(value)} is not an IPv${family} CIDR`);
  return cidr;
}
