/**
 * Polls `check` until it returns without throwing, or rethrows its last error after `timeoutMs`.
 * The default is generous on purpose: a passing check returns at once, and only a busy machine (CI, tests running in
 * parallel) needs the slack; a real failure just takes longer to report.
 */
export async function eventually<T>(check: () => Promise<T> | T, { timeoutMs = 30_000, intervalMs = 50 } = {}): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      return await check();
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw last;
}
