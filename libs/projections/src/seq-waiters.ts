/** Callers waiting for the read model to include a stream sequence (read-your-writes after an append). */
interface Waiter {
  seq: number;
  resolve(): void;
  reject(err: unknown): void;
  timer: NodeJS.Timeout;
}

export class SeqWaiters {
  private waiters = new Set<Waiter>();

  /** Resolves once `reached` is called with a checkpoint ≥ seq; rejects with `timeoutError()` after timeoutMs. */
  add(seq: number, timeoutMs: number, timeoutError: () => Error): Promise<void> {
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        seq,
        resolve: () => {
          clearTimeout(w.timer);
          this.waiters.delete(w);
          resolve();
        },
        reject: (err) => {
          clearTimeout(w.timer);
          this.waiters.delete(w);
          reject(err);
        },
        timer: setTimeout(() => w.reject(timeoutError()), timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  reached(checkpoint: number): void {
    for (const w of [...this.waiters]) if (w.seq <= checkpoint) w.resolve();
  }

  /** Rejects the waiters that can no longer be satisfied, e.g. those at or past an event the projection stopped on. */
  rejectFrom(seq: number, err: Error): void {
    for (const w of [...this.waiters]) if (w.seq >= seq) w.reject(err);
  }

  get size(): number {
    return this.waiters.size;
  }
}
