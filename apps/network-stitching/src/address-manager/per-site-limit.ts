/**
 * At most `limit` calls in flight per site; the rest wait their turn in arrival order. 64 allocations arriving at
 * once would otherwise be 64 simultaneous port creations on one VIM, which a real cloud manager throttles and a
 * loaded one answers too late (each late answer an "unreachable" error for a request that may still succeed).
 */
export class PerSiteLimit {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async run<T>(site: string, call: () => Promise<T>): Promise<T> {
    const running = this.running.get(site) ?? 0;
    if (running >= this.limit) {
      // Woken by a call that finished: its slot is handed over, so nobody arriving meanwhile can take it.
      await new Promise<void>((resolve) => this.waiting.set(site, [...(this.waiting.get(site) ?? []), resolve]));
    } else {
      this.running.set(site, running + 1);
    }
    try {
      return await call();
    } finally {
      this.release(site);
    }
  }

  private release(site: string): void {
    const next = this.waiting.get(site)?.shift();
    if (next) return next();
    const left = (this.running.get(site) ?? 1) - 1;
    if (left === 0) {
      this.running.delete(site);
      this.waiting.delete(site);
    } else this.running.set(site, left);
  }
}
