import { AddressFamilyMismatchError, AddressOutOfRangeError, InvalidCidrError } from '../ipam.errors.js';
import { ADDRESS_BITS, formatIp, parseIp, type IpAddress, type IpFamily } from './ip-address.js';

/** A subnet: its first address and prefix length. Host bits of `network` are always zero. */
export interface Cidr {
  readonly family: IpFamily;
  readonly network: bigint;
  readonly prefixLength: number;
}

/** Strict: host bits must be zero, so "10.0.0.5/24" is refused rather than silently read as 10.0.0.0/24. */
export function parseCidr(text: string): Cidr {
  if (typeof text !== 'string') throw new InvalidCidrError(String(text), 'not text');
  const slash = text.indexOf('/');
  if (slash < 0) throw new InvalidCidrError(text, 'a prefix length ("/24", "/64") is required');
  const lengthText = text.slice(slash + 1);
  let address: IpAddress;
  try {
    address = parseIp(text.slice(0, slash));
  } catch (e) {
    throw new InvalidCidrError(text, (e as Error).message);
  }
  const bits = ADDRESS_BITS[address.family];
  if (!/^(0|[1-9]\d{0,2})$/.test(lengthText) || Number(lengthText) > bits) {
    throw new InvalidCidrError(text, `the prefix length must be a number from 0 to ${bits}`);
  }
  const cidr: Cidr = { family: address.family, network: address.value, prefixLength: Number(lengthText) };
  const network = address.value & ~hostMask(cidr);
  if (network !== address.value) {
    throw new InvalidCidrError(text, `host bits are set; did you mean ${formatCidr({ ...cidr, network })}?`);
  }
  return cidr;
}

export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.family, cidr.network)}/${cidr.prefixLength}`;
}

function hostMask(cidr: Cidr): bigint {
  return (1n << BigInt(ADDRESS_BITS[cidr.family] - cidr.prefixLength)) - 1n;
}

export function cidrSize(cidr: Cidr): bigint {
  return hostMask(cidr) + 1n;
}

export function lastAddress(cidr: Cidr): bigint {
  return cidr.network | hostMask(cidr);
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  return address.family === cidr.family && address.value >= cidr.network && address.value <= lastAddress(cidr);
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.network <= lastAddress(b) && b.network <= lastAddress(a);
}

/**
 * The addresses a host may hold. IPv4 loses the network and broadcast addresses, except in /31 (point-to-point,
 * RFC 3021) and /32. IPv6 has no broadcast, but its all-zero host address is the subnet-router anycast
 * address (RFC 4291), so it is left out too, except in /127 and /128.
 */
export function hostRange(cidr: Cidr): { first: bigint; last: bigint } {
  const last = lastAddress(cidr);
  const bits = ADDRESS_BITS[cidr.family];
  if (cidr.prefixLength >= bits - 1) return { first: cidr.network, last };
  return { first: cidr.network + 1n, last: cidr.family === 4 ? last - 1n : last };
}

/** The conventional gateway: the first host address (10.0.0.1 in 10.0.0.0/24, 2001:db8::1 in 2001:db8::/64). */
export function defaultGateway(cidr: Cidr): bigint {
  return hostRange(cidr).first;
}

/**
 * Parses `text` as a host address of `cidr`: same IP version, inside the subnet, and not its network or broadcast
 * address. Every rejection is a 400 because the request can never succeed as written.
 */
export function parseHostAddress(cidr: Cidr, text: string): bigint {
  const address = parseIp(text);
  const cidrText = formatCidr(cidr);
  if (address.family !== cidr.family) throw new AddressFamilyMismatchError(text, cidrText);
  if (!cidrContains(cidr, address)) throw new AddressOutOfRangeError(text, cidrText);
  const { first, last } = hostRange(cidr);
  if (address.value < first) throw new AddressOutOfRangeError(text, cidrText, `is the network address of ${cidrText}, not a host address`);
  if (address.value > last) throw new AddressOutOfRangeError(text, cidrText, `is the broadcast address of ${cidrText}, not a host address`);
  return address.value;
}
