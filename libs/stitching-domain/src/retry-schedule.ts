/** Exponential backoff with jitter. Delays in milliseconds. */
export interface RetryPolicy {
  initialDelayMs: number;
  multiplier: number;
  maxDelayMs: number;
  /** Fraction (0-1) of each delay that jitter may take away, so retries of many networks do not fire together. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 300_000, jitter: 0.2 };

/**
 * A number in [0, 1) from a seed (FNV-1a hash). Jitter is derived, not drawn: the decider stays pure and a
 * replay computes the same schedule, while different networks and sites still get different delays.
 */
export function jitterSample(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}

/** Delay before attempt `attempt` (1 = first retry): capped exponential growth, minus up to `jitter` of it. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, sample: number): number {
  const exponential = policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped * (1 - policy.jitter * sample));
}

/** When attempt `attempt` is due, given the current time (ISO-8601) passed in by the caller. */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, now: string, seed: string): string {
  const nowMs = Date.parse(now);
  if (Number.isNaN(nowMs)) throw new RangeError(`"${now}" is not an ISO-8601 time`);
  return new Date(nowMs + retryDelayMs(policy, attempt, jitterSample(seed))).toISOString();
}
