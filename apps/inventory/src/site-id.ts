import { createHash } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A site's id is derived from its tenant and name (26 Crockford base32 characters, the shape of the other ids),
 * so registering the same name twice lands on the same aggregate: the second is refused as a duplicate instead
 * of creating a twin, and a retried registration is recognised by its command id.
 */
export function siteIdFor(tenantId: string, name: string): string {
  const digest = createHash('sha256').update(`${tenantId}\u0000${name}`).digest();
  let out = '';
  for (let i = 0; i < 26; i++) {
    // 26 × 5 bits = 130 bits: read 5-bit groups from the digest's first 17 bytes.
    const bit = i * 5;
    const byte = bit >> 3;
    const word = ((digest[byte]! << 8) | (digest[byte + 1] ?? 0)) >> (11 - (bit & 7));
    out += CROCKFORD[word & 31];
  }
  return out;
}
