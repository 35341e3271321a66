import { InvalidMacError, InvalidMacPrefixError } from './mac.errors.js';

const MAC = /^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}$/;
const MAC_BITS = 48n;

/** The I/G bit: set in the first octet, the address is a group (multicast) address, never a port's. */
const MULTICAST_BIT = 1n << 40n;
/** The U/L bit: set, the address is locally administered rather than from an IEEE-assigned OUI. */
const LOCAL_BIT = 1n << 41n;

/** A 48-bit MAC as a number; colons or dashes, any case. */
export function parseMac(text: string): bigint {
  if (typeof text !== 'string' || !MAC.test(text)) throw new InvalidMacError(String(text), 'expected six hex octets like 02:1a:2b:3c:4d:5e');
  return BigInt(`0x${text.replace(/[:-]/g, '')}`);
}

export function formatMac(value: bigint): string {
  return value.toString(16).padStart(12, '0').replace(/(..)(?!$)/g, '$1:');
}

export function canonicalMac(text: string): string {
  return formatMac(parseMac(text));
}

export function isMulticastMac(value: bigint): boolean {
  return (value & MULTICAST_BIT) !== 0n;
}

export function isLocallyAdministeredMac(value: bigint): boolean {
  return (value & LOCAL_BIT) !== 0n;
}

/** The leading bits a site's VIM puts in every MAC it hands out: an OUI (/24) or a locally administered prefix. */
export interface MacPrefix {
  readonly value: bigint;
  readonly length: number;
}

/**
 * "fa:16:3e" (an OUI, /24) or "02:a0:00:00:00:00/28". At least the first octet is fixed, so that the
 * multicast bit can be checked; at least four bits stay free, so a prefix holds at least 16 MACs.
 */
export function parseMacPrefix(text: string): MacPrefix {
  const [addressText, lengthText, ...rest] = String(text).split('/');
  if (rest.length) throw new InvalidMacPrefixError(text, 'one "/" at most');
  const octets = addressText.split(/[:-]/);
  if (octets.length < 1 || octets.length > 6 || octets.some((o) => !/^[0-9a-fA-F]{2}$/.test(o))) {
    throw new InvalidMacPrefixError(text, 'expected hex octets like fa:16:3e');
  }
  const value = BigInt(`0x${octets.join('').padEnd(12, '0')}`);
  const length = lengthText === undefined ? octets.length * 8 : Number(lengthText);
  if (!Number.isInteger(length) || length < 8 || length > 44) throw new InvalidMacPrefixError(text, 'the length must be 8 to 44 bits');
  const hostMask = (1n << (MAC_BITS - BigInt(length))) - 1n;
  if ((value & hostMask) !== 0n) throw new InvalidMacPrefixError(text, `bits beyond the first ${length} are set`);
  if (isMulticastMac(value)) throw new InvalidMacPrefixError(text, 'the multicast bit is set, so no port could use these MACs');
  return { value, length };
}

export function formatMacPrefix(prefix: MacPrefix): string {
  return `${formatMac(prefix.value)}/${prefix.length}`;
}

export function macPrefixRange(prefix: MacPrefix): { start: bigint; end: bigint } {
  return { start: prefix.value, end: prefix.value | ((1n << (MAC_BITS - BigInt(prefix.length))) - 1n) };
}

export function macPrefixesOverlap(a: MacPrefix, b: MacPrefix): boolean {
  const ra = macPrefixRange(a);
  const rb = macPrefixRange(b);
  return ra.start <= rb.end && rb.start <= ra.end;
}

export function macInPrefix(mac: bigint, prefix: MacPrefix): boolean {
  const range = macPrefixRange(prefix);
  return mac >= range.start && mac <= range.end;
}
