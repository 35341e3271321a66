import { InvalidRequestError } from './sim-errors.js';

export interface Cidr {
  /** First address of the block, as an unsigned 32-bit integer. */
  base: number;
  prefix: number;
  size: number;
}

export function parseIpv4(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4) throw new InvalidRequestError(`${text} is not an IPv4 address`);
  let value = 0;
  for (const p of parts) {
    const octet = Number(p);
    if (!/^\d{1,3}$/.test(p) || octet > 255) throw new InvalidRequestError(`${text} is not an IPv4 address`);
    value = value * 256 + octet;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export function parseCidr(text: string): Cidr {
  const [address, bits] = text.split('/');
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 8 || prefix > 30) throw new InvalidRequestError(`${text} is not a CIDR between /8 and /30`);
  const size = 2 ** (32 - prefix);
  const ip = parseIpv4(address);
  const base = ip - (ip % size);
  if (base !== ip) throw new InvalidRequestError(`${text} has host bits set`);
  return { base, prefix, size };
}

export function formatCidr(c: Cidr): string {
  return `${formatIpv4(c.base)}/${c.prefix}`;
}

export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

export function cidrContains(c: Cidr, ip: number): boolean {
  return ip >= c.base && ip < c.base + c.size;
}
