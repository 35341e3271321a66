import { isIPv4, isIPv6 } from 'node:net';
import { formatIpv4, formatIpv6, formatMac } from './address-text.js';

/** Bytes of a textual IPv4/IPv6 address (any valid spelling), or undefined when it is not one. */
export function ipBytes(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split('.').map(Number));
  if (!isIPv6(text)) return undefined;
  let head = text;
  let tail4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tail4 = text.slice(lastColon + 1).split('.').map(Number);
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const groups = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const l = groups(left);
  const r = groups(right);
  const all = right === undefined ? l : [...l, ...new Array<number>(8 - l.length - r.length).fill(0), ...r];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 255;
  });
  if (tail4.length === 4) out.set(tail4, 12);
  return out;
}

/** The one spelling the decoders produce for this address, or undefined when it is not an IP address. */
export function canonicalIp(text: string): string | undefined {
  const b = ipBytes(text.trim());
  if (!b) return undefined;
  return b.length === 4 ? formatIpv4(b, 0) : formatIpv6(b, 0);
}

const MAC = /^([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})[:-]?([0-9a-f]{2})$/i;

/** Lower-case colon form of a MAC written with colons, dashes or nothing between octets. */
export function canonicalMac(text: string): string | undefined {
  const m = MAC.exec(text.trim());
  if (!m) return undefined;
  return formatMac(Uint8Array.from(m.slice(1, 7).map((h) => parseInt(h, 16))), 0);
}
