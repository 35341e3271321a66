import { InvalidAddressError } from '../ipam.errors.js';

export type IpFamily = 4 | 6;

/** An IP address as a number: bigint so that IPv6 (128 bits) and IPv4 share the same arithmetic. */
export interface IpAddress {
  readonly family: IpFamily;
  readonly value: bigint;
}

export const ADDRESS_BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

export function maxAddress(family: IpFamily): bigint {
  return (1n << BigInt(ADDRESS_BITS[family])) - 1n;
}

const V4_OCTET = /^(0|[1-9]\d{0,2})$/;
const V6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** Dotted quad; leading zeros are refused because some parsers read them as octal ("010" = 8). */
function parseV4(text: string, input = text): bigint {
  const parts = text.split('.');
  if (parts.length !== 4) throw new InvalidAddressError(input, 'an IPv4 address has four dot-separated numbers');
  let value = 0n;
  for (const part of parts) {
    if (!V4_OCTET.test(part) || Number(part) > 255) throw new InvalidAddressError(input, `"${part}" is not a number from 0 to 255`);
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseV6Groups(text: string, input: string): number[] {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  parts.forEach((part, i) => {
    // An embedded IPv4 tail (::ffff:192.0.2.1) stands for the last two groups.
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseV4(part, input);
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      return;
    }
    if (!V6_GROUP.test(part)) throw new InvalidAddressError(input, `"${part}" is not a group of 1 to 4 hex digits`);
    groups.push(parseInt(part, 16));
  });
  return groups;
}

function parseV6(text: string): bigint {
  if (text.includes('%')) throw new InvalidAddressError(text, 'zone indices (%) are not part of an address');
  const halves = text.split('::');
  if (halves.length > 2) throw new InvalidAddressError(text, '"::" may appear only once');
  const head = parseV6Groups(halves[0], text);
  const tail = halves.length === 2 ? parseV6Groups(halves[1], text) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 && missing !== 0) throw new InvalidAddressError(text, 'an IPv6 address has eight groups unless "::" shortens it');
  if (halves.length === 2 && missing < 1) throw new InvalidAddressError(text, '"::" must stand for at least one group');
  const groups = [...head, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

export function parseIp(text: string): IpAddress {
  if (typeof text !== 'string' || text.length === 0) throw new InvalidAddressError(String(text), 'empty');
  if (text.includes(':')) return { family: 6, value: parseV6(text) };
  return { family: 4, value: parseV4(text) };
}

/** RFC 5952 canonical text: lowercase, no leading zeros, the longest run (2+ groups) of zeros as "::". */
function formatV6(value: bigint): string {
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) [bestStart, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  return formatV6(value);
}

/** Parses and re-formats, so the same address always has the same text (event data, map keys, replies). */
export function canonicalIp(text: string): string {
  const { family, value } = parseIp(text);
  return formatIp(family, value);
}
