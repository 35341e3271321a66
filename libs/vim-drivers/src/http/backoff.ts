export interface RetryPolicy {
  /** Retries after the first attempt; 0 means one attempt only. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}



/**
 * Delay before retry number `retry` (0-based): "full jitter", a uniform draw below an exponentially growing cap.
 * Jitter matters here because many drivers fail together when one site hiccups; without it they would all
 * come back in the same millisecond and knock the site over again.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * cap);
}

/**
 * A server's Retry-After (seconds or an HTTP date) wins over our own backoff, but never beyond maxDelayMs:
 * a misbehaving site must not park a driver call for minutes.
 */
export function retryAfterMs(header: string | null, policy: RetryPolicy, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, policy.maxDelayMs);
}
