import { formatAddress, formatBlock, parseAddress, type IpBlock, type IpFamily } from './ip-block.js';
import { InvalidRequestError } from './sim-errors.js';

/** Inclusive range of addresses of one subnet, as numbers. */
export interface AddressRange {
  first: bigint;
  last: bigint;
}

/** A range as every dialect writes it (Neutron's allocation_pools entry). */
export interface AddressRangeText {
  start: string;
  end: string;
}

/** Neutron's default pools: every usable address but the gateway, so a gateway inside the range splits it in two. */
export function rangesAroundGateway(usable: AddressRange, gateway: bigint): AddressRange[] {
  if (gateway < usable.first || gateway > usable.last) return [usable];
  return [
    ...(gateway > usable.first ? [{ first: usable.first, last: gateway - 1n }] : []),
    ...(gateway < usable.last ? [{ first: gateway + 1n, last: usable.last }] : []),
  ];
}

/**
 * Pools asked for a subnet, in the order given (the order addresses are handed out in). Each lies within the
 * subnet's usable addresses and starts no later than it ends; two that overlap would hand one address out twice.
 */
export function parsePools(pools: AddressRangeText[], cidr: IpBlock, usable: AddressRange): AddressRange[] {
  const subnet = formatBlock(cidr);
  const ranges = pools.map(({ start, end }) => {
    const [first, last] = [parseAddress(start), parseAddress(end)];
    if (first.family !== cidr.family || last.family !== cidr.family || first.value < usable.first || last.value > usable.last) {
      throw new InvalidRequestError(`allocation pool ${start}-${end} is not within the usable addresses of ${subnet}`);
    }
    if (first.value > last.value) throw new InvalidRequestError(`allocation pool ${start}-${end} starts after it ends`);
    return { first: first.value, last: last.value };
  });
  const ascending = [...ranges].sort((a, b) => (a.first < b.first ? -1 : 1));
  for (let i = 1; i < ascending.length; i++) {
    if (ascending[i].first <= ascending[i - 1].last) throw new InvalidRequestError(`allocation pools of ${subnet} overlap`);
  }
  return ranges;
}

export function formatRanges(family: IpFamily, ranges: AddressRange[]): AddressRangeText[] {
  return ranges.map((r) => ({ start: formatAddress(family, r.first), end: formatAddress(family, r.last) }));
}
