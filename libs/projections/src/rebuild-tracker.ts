import type { RebuildProgress } from './projection.js';

/** Follows one rebuild: the total is known once the replay cursor exists, then each committed batch adds to it. */
export class RebuildTracker {
  private applied = 0;
  private total: number | undefined;
  readonly done: Promise<void>;
  private finish!: () => void;
  private abort!: (err: Error) => void;

  constructor(private readonly onProgress?: (p: RebuildProgress) => void) {
    this.done = new Promise<void>((resolve, reject) => {
      this.finish = resolve;
      this.abort = reject;
    });
    // A rejected rebuild is awaited by rebuild(); this keeps an early failure from being reported as unhandled.
    this.done.catch(() => {});
  }

  get started(): boolean {
    return this.total !== undefined;
  }

  begin(total: number): void {
    this.total = total;
    this.report();
  }

  committed(messages: number): void {
    if (this.total === undefined) return;
    this.applied += messages;
    this.report();
  }

  fail(err: Error): void {
    this.abort(err);
  }

  private report(): void {
    const total = this.total ?? 0;
    this.onProgress?.({ applied: Math.min(this.applied, total), total });
    if (this.applied >= total) this.finish();
  }
}
