import { formatIp, hostRange, parseIp, type IpAddress, type IpFamily } from '#vorch/ipam-domain';
import { InvalidRequestError } from './sim-errors.js';

export type { IpAddress, IpFamily };

/** A subnet of either family, as numbers (bigint, so that IPv6's 128 bits and IPv4 share the arithmetic). */
export interface IpBlock {
  family: IpFamily;
  /** First address of the block. */
  base: bigint;
  prefix: number;
  size: bigint;
}

/** Prefix lengths a simulated subnet may have: IPv4 as before; IPv6 up to /126 (smaller blocks are point-to-point). */
const PREFIX_RANGE: Record<IpFamily, [number, number]> = { 4: [8, 30], 6: [16, 126] };

/** The IP version a piece of address text claims, without validating it. */
export function familyOf(text: string): IpFamily {
  return text.includes(':') ? 6 : 4;
}

export function parseAddress(text: string): IpAddress {
  try {
    return parseIp(text);
  } catch {
    throw new InvalidRequestError(`${text} is not an IP address`);
  }
}

export function formatAddress(family: IpFamily, value: bigint): string {
  return formatIp(family, value);
}

export function parseBlock(text: string): IpBlock {
  const [address, bits, extra] = text.split('/');
  const family = familyOf(address);
  const [min, max] = PREFIX_RANGE[family];
  const prefix = Number(bits);
  if (extra !== undefined || !Number.isInteger(prefix) || prefix < min || prefix > max) {
    throw new InvalidRequestError(`${text} is not an IPv${family} CIDR between /${min} and /${max}`);
  }
  const ip = parseAddress(address);
  const size = 1n << BigInt((family === 4 ? 32 : 128) - prefix);
  if (ip.value % size !== 0n) throw new InvalidRequestError(`${text} has host bits set`);
  return { family, base: ip.value, prefix, size };
}

export function formatBlock(b: IpBlock): string {
  return `${formatIp(b.family, b.base)}/${b.prefix}`;
}

export function blocksOverlap(a: IpBlock, b: IpBlock): boolean {
  return a.family === b.family && a.base < b.base + b.size && b.base < a.base + a.size;
}

export function blockContains(b: IpBlock, ip: IpAddress): boolean {
  return ip.family === b.family && ip.value >= b.base && ip.value < b.base + b.size;
}

/**
 * The addresses hosts may hold, the same rule as the address manager's (libs/ipam-domain `hostRange`): IPv4 loses
 * the network and broadcast addresses; IPv6 has no broadcast but loses the all-zero host, the subnet-router anycast
 * address (RFC 4291).
 */
export function usableRange(b: IpBlock): { first: bigint; last: bigint } {
  return hostRange({ family: b.family, network: b.base, prefixLength: b.prefix });
}
