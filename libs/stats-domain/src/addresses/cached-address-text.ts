import { formatIpv4, formatIpv6, formatMac } from './address-text.js';

/*
 * Address text through small direct-mapped caches keyed by the address bytes. Flow exports repeat the same
 * few thousand addresses: a hit hands back the same flat string (no allocation, and its hash is already
 * computed for the address map lookup that follows); a miss costs one formatting, as without a cache, and
 * overwrites its slot, so memory stays fixed whatever the traffic.
 */

const V4_BITS = 16;
const v4Keys = new Int32Array(1 << V4_BITS);
const v4Texts: (string | undefined)[] = new Array<string | undefined>(1 << V4_BITS).fill(undefined);

export function ipv4Text(b: Uint8Array, at: number): string {
  const key = (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
  const slot = Math.imul(key, 0x9e3779b1) >>> (32 - V4_BITS);
  const cached = v4Texts[slot];
  if (cached !== undefined && v4Keys[slot] === key) return cached;
  const text = formatIpv4(b, at);
  v4Keys[slot] = key;
  v4Texts[slot] = text;
  return text;
}

const V6_BITS = 14;
const v6Keys = new Uint8Array(16 << V6_BITS);
const v6Texts: (string | undefined)[] = new Array<string | undefined>(1 << V6_BITS).fill(undefined);

export function ipv6Text(b: Uint8Array, at: number): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < 16; i++) hash = Math.imul(hash ^ b[at + i], 16777619);
  const slot = hash >>> (32 - V6_BITS);
  const base = slot * 16;
  const cached = v6Texts[slot];
  if (cached !== undefined) {
    let i = 0;
    while (i < 16 && v6Keys[base + i] === b[at + i]) i++;
    if (i === 16) return cached;
  }
  const text = formatIpv6(b, at);
  for (let i = 0; i < 16; i++) v6Keys[base + i] = b[at + i];
  v6Texts[slot] = text;
  return text;
}

const MAC_BITS = 14;
const macKeys = new Float64Array(1 << MAC_BITS);
const macTexts: (string | undefined)[] = new Array<string | undefined>(1 << MAC_BITS).fill(undefined);

export function macText(b: Uint8Array, at: number): string {
  const low = ((b[at + 2] << 24) | (b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]) >>> 0;
  const key = ((b[at] << 8) | b[at + 1]) * 4294967296 + low; // 48 bits: exact in a double
  const slot = Math.imul(low ^ (b[at + 1] << 16) ^ b[at], 0x9e3779b1) >>> (32 - MAC_BITS);
  const cached = macTexts[slot];
  if (cached !== undefined && macKeys[slot] === key) return cached;
  const text = formatMac(b, at);
  macKeys[slot] = key;
  macTexts[slot] = text;
  return text;
}
