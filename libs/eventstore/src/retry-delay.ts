/**
 * Full-jitter exponential backoff: writers that lost the same race spread out instead of colliding again. The cap
 * is large enough to spread twenty writers on one hot aggregate when a load-decide-append round takes tens of ms.
 * `random` is injectable so the bounds can be unit tested.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random, baseMs = 2, capMs = 1000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
