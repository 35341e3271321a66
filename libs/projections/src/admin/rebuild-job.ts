import { VorchError, type RebuildOutcomeView, type RebuildProgressView } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import type { RebuildProgress } from '../projection.js';
import { ProgressLogPacer } from './progress-log-pacer.js';

const log = createLogger('projections');

/** One rebuild an operator asked for, from acceptance to its outcome: what the status query shows of it. */
export class RebuildJob {
  private applied = 0;
  private total: number | null = null;
  private readonly startedAt: Date;
  private finished: RebuildOutcomeView | undefined;
  private readonly pacer: ProgressLogPacer;

  constructor(
    private readonly projection: string,
    private readonly now: () => Date = () => new Date(),
    logEveryMs?: number,
  ) {
    this.startedAt = now();
    this.pacer = new ProgressLogPacer(logEveryMs);
  }

  get running(): boolean {
    return this.finished === undefined;
  }

  get progress(): RebuildProgressView {
    return { applied: this.applied, total: this.total, startedAt: this.startedAt.toISOString() };
  }

  get outcome(): RebuildOutcomeView | undefined {
    return this.finished;
  }

  report(p: RebuildProgress): void {
    this.applied = p.applied;
    this.total = p.total;
    if (this.pacer.shouldLog(p.applied, p.total, this.now().getTime())) {
      const percent = p.total ? Math.floor((p.applied * 100) / p.total) : 100;
      log.info({ projection: this.projection, applied: p.applied, total: p.total, percent }, 'projection rebuild progress');
    }
  }

  completed(): void {
    this.finished = { outcome: 'completed', ...this.ended() };
    log.info({ projection: this.projection, applied: this.applied, total: this.total }, 'projection rebuild completed');
  }

  failed(err: unknown): void {
    const error =
      err instanceof VorchError ? { code: err.code, message: err.message } : { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
    this.finished = { outcome: 'failed', ...this.ended(), error };
    log.error({ projection: this.projection, err, applied: this.applied, total: this.total }, 'projection rebuild FAILED');
  }

  private ended() {
    return { applied: this.applied, total: this.total, startedAt: this.startedAt.toISOString(), finishedAt: this.now().toISOString() };
  }
}
