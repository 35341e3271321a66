import { randomFillSync } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const pool = new Uint8Array(4096);
let next = pool.length;

/** Crypto-strength randomness drawn from a refilled pool rather than one getRandomValues call per character. */
function pooledRandom(): number {
  if (next >= pool.length) {
    randomFillSync(pool);
    next = 0;
  }
  return pool[next++]! / 256;
}

/**
 * Monotonic ULIDs for event envelopes, the same format as contracts' newId. The default ULID generator asks the
 * crypto module for each of the 16 random characters separately; on the append path that cost as much as the
 * rest of building a commit, so the store draws from a pool instead.
 */
export const newEventId: () => string = monotonicFactory(pooledRandom);
