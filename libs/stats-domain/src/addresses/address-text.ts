/**
 * Canonical text forms for addresses read out of packet bytes. The address map and the decoders must agree
 * on one spelling per address (RFC 5952 for IPv6, lower-case colon MAC), because the map is a hash lookup
 * on that text. The decoders call the cached forms in cached-address-text.ts.
 */

const HEX = '0123456789abcdef';
const HEX_PAIRS: string[] = Array.from({ length: 256 }, (_, i) => HEX[i >> 4] + HEX[i & 15]);
const DECIMAL: string[] = Array.from({ length: 256 }, (_, i) => String(i));

export function formatIpv4(b: Uint8Array, at: number): string {
  return DECIMAL[b[at]] + '.' + DECIMAL[b[at + 1]] + '.' + DECIMAL[b[at + 2]] + '.' + DECIMAL[b[at + 3]];
}

let GROUPS: string[] | undefined;

/** Hex of a 16-bit group without leading zeros, from a table built on first use (cheaper than toString(16)). */
function groupText(v: number): string {
  GROUPS ??= Array.from({ length: 65536 }, (_, i) => i.toString(16));
  return GROUPS[v];
}

/** RFC 5952: lower-case, no leading zeros, the longest run (first on a tie) of two or more zero groups becomes `::`. */
export function formatIpv6(b: Uint8Array, at: number): string {
  let bestStart = -1;
  let bestLen = 0;
  let runStart = -1;
  for (let g = 0; g < 8; g++) {
    const zero = b[at + 2 * g] === 0 && b[at + 2 * g + 1] === 0;
    if (zero) {
      if (runStart < 0) runStart = g;
      const len = g - runStart + 1;
      if (len > bestLen) {
        bestLen = len;
        bestStart = runStart;
      }
    } else runStart = -1;
  }
  if (bestLen < 2) bestStart = -1;
  // An IPv4-mapped address reads better, and is matched by operators, in its dotted form.
  if (bestStart === 0 && bestLen === 5 && b[at + 10] === 0xff && b[at + 11] === 0xff) return '::ffff:' + formatIpv4(b, at + 12);
  let out = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestStart) {
      out += g === 0 ? '::' : ':';
      g += bestLen - 1;
      continue;
    }
    out += groupText((b[at + 2 * g] << 8) | b[at + 2 * g + 1]);
    if (g < 7) out += ':';
  }
  return out;
}

export function formatMac(b: Uint8Array, at: number): string {
  return (
    HEX_PAIRS[b[at]] + ':' + HEX_PAIRS[b[at + 1]] + ':' + HEX_PAIRS[b[at + 2]] + ':' +
    HEX_PAIRS[b[at + 3]] + ':' + HEX_PAIRS[b[at + 4]] + ':' + HEX_PAIRS[b[at + 5]]
  );
}
