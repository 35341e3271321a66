import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal, Role } from './principal.js';

const roles: readonly Role[] = ['admin', 'operator', 'viewer'];

interface KeyEntry {
  digest: Buffer;
  principal: Principal;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** The configured API keys. Only SHA-256 digests are kept, so the secrets themselves never sit in memory or logs. */
export class ApiKeyRing {
  private constructor(private readonly entries: KeyEntry[]) {}

  /**
   * Parses `VORCH_API_KEYS`: `key=tenant:role` pairs separated by commas. The last `=` and `:` split a pair, so
   * keys may contain `=` (base64 padding). A malformed entry fails start-up: a silently dropped key is worse.
   */
  static parse(spec: string | undefined): ApiKeyRing {
    const entries: KeyEntry[] = [];
    for (const [index, raw] of (spec ?? '').split(',').entries()) {
      const pair = raw.trim();
      if (!pair) continue;
      const eq = pair.lastIndexOf('=');
      const colon = pair.lastIndexOf(':');
      const key = pair.slice(0, eq);
      const tenantId = pair.slice(eq + 1, colon);
      const role = pair.slice(colon + 1) as Role;
      // The position, never the text: the text holds the secret.
      if (eq <= 0 || colon < eq || !tenantId || !roles.includes(role)) {
        throw new Error(`VORCH_API_KEYS entry #${index + 1} is not key=tenant:role with role admin, operator or viewer`);
      }
      const d = digest(key);
      entries.push({ digest: d, principal: { tenantId, role, keyId: `key-${d.toString('hex').slice(0, 12)}` } });
    }
    return new ApiKeyRing(entries);
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * Compares digests of equal length with timingSafeEqual and visits every entry even after a match, so the time
   * taken says nothing about how much of a key was right or which entry matched.
   */
  principalFor(presented: string): Principal | undefined {
    const d = digest(presented);
    let found: Principal | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(e.digest, d) && !found) found = e.principal;
    }
    return found;
  }
}

/** The key from an `Authorization: Bearer <key>` value (HTTP header or gRPC metadata), if well formed. */
export function bearerKey(authorization: unknown): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return m?.[1];
}
