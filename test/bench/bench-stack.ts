import type { NetworkStackOptions } from '../support/network-stack.js';

/**
 * Timings of the benches' network stack: patient, because a bench loads the machine on purpose and a slow answer
 * must count as slow, not as a site that does not answer.
 */
export const BENCH_STACK = {
  inventory: { retryBaseMs: 500 },
  driver: { timeoutMs: 5000, retries: 1 },
  stitching: { vimTimeoutMs: 15000 },
} satisfies Partial<NetworkStackOptions>;
