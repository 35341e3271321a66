import { createLogger } from '#vorch/telemetry';
import type { BatchCommitted, ProjectionRunnerOptions, RebuildProgress } from './projection.js';
import { runnerSettings, type RunnerSettings } from './runner-settings.js';
import { CheckpointStore, type ProjectionFailure } from './checkpoint-store.js';
import { ConsumerSession } from './consumer-session.js';
import { applyBatch, type BatchOutcome } from './apply-batch.js';
import { ApplyFailure, describeError } from './apply-failure.js';
import { nextRetry, type RetryState } from './retry-policy.js';
import { SeqWaiters } from './seq-waiters.js';
import { LeaderLock } from './leader-lock.js';
import { measureLag, type Lag } from './lag-probe.js';
import { RebuildTracker } from './rebuild-tracker.js';
import { RebuildHistory } from './rebuild-history.js';
import { projectionMetrics as metrics } from './projection-metrics.js';
import {
  ProjectionNotLeaderError,
  ProjectionRebuildInterruptedError,
  ProjectionStoppedError,
  ProjectionWaitTimeoutError,
} from './projection-errors.js';

const log = createLogger('projections');
const STANDBY_POLL_MS = 2000;
const INFRA_RETRY_MS = 1000;
const WAIT_POLL_MS = 250;

/**
 * Feeds one projection from its stream: a durable pull consumer, batches applied to PostgreSQL each in ONE
 * transaction with the checkpoint, acknowledgement only after the commit. See docs/projections.md.
 */
export class ProjectionRunner {
  private readonly settings: RunnerSettings;
  private readonly checkpoints: CheckpointStore;
  private readonly leader: LeaderLock;
  private readonly waiters = new SeqWaiters();
  private readonly labels: { projection: string };
  /** The outcomes of the rebuilds operators asked for (ProjectionAdmin records them). */
  readonly rebuilds: RebuildHistory;

  /** start() was called and stop() not since: the service wants this projection applied (even while stopped on a failure). */
  private started = false;
  private running = false;
  /** A batch is taken and not yet committed or rolled back. */
  private applying = false;
  private loop: Promise<void> | undefined;
  private session: ConsumerSession | undefined;
  private wakeSleep: (() => void) | undefined;
  private lagTimer: NodeJS.Timeout | undefined;
  private waitPoll: NodeJS.Timeout | undefined;

  /** Last checkpoint this runner committed or read. */
  private known = 0;
  private retry: RetryState | undefined;
  /** After a failed batch, messages up to this sequence are applied one per transaction to isolate the culprit. */
  private singleStepUntil = 0;
  private stoppedAtSeq: number | undefined;
  private rebuilding: RebuildTracker | undefined;

  constructor(private readonly opts: ProjectionRunnerOptions) {
    this.settings = runnerSettings(opts.projection, opts);
    this.checkpoints = new CheckpointStore(opts.db, this.settings.name);
    this.leader = new LeaderLock(opts.db, this.settings.name);
    this.rebuilds = new RebuildHistory(opts.db, this.settings.name);
    this.labels = { projection: this.settings.name };
  }

  get name(): string {
    return this.settings.name;
  }

  /** Sequence of the event this projection stopped on, or undefined while it runs. */
  get stoppedAt(): number | undefined {
    return this.stoppedAtSeq;
  }

  /** True while this runner holds the projection's leader lock (it applies, or is stopped on a failure). */
  get leads(): boolean {
    return this.leader.held;
  }

  async start(): Promise<void> {
    if (this.running) return;
    // a loop that ended on a failing event is over; starting again retries that event (after a fix, say)
    await this.loop;
    await this.checkpoints.setup((em) => this.opts.projection.setup(em));
    this.known = await this.checkpoints.read();
    this.stoppedAtSeq = undefined;
    this.retry = undefined;
    metrics.stopped.set(this.labels, 0);
    metrics.checkpoint.set(this.labels, this.known);
    this.started = true;
    this.running = true;
    this.startLagProbe();
    this.loop = this.run();
  }

  /** Finishes the batch in hand, leaves the consumer in place and gives up leadership. */
  async stop(): Promise<void> {
    this.started = false;
    await this.halt();
    clearInterval(this.lagTimer);
    this.lagTimer = undefined;
    this.rebuilding?.fail(new ProjectionRebuildInterruptedError(this.name, 'the runner was stopped'));
    this.rebuilding = undefined;
    await this.leader.release();
  }

  /**
   * Empties the read model and the checkpoint in one transaction, then replays the stream from its start. A runner
   * that was started (even one stopped on a failing event) runs afterwards; one that was not is stopped again.
   */
  async rebuild(onProgress?: (p: RebuildProgress) => void): Promise<void> {
    const wasStarted = this.started;
    // The leader keeps its lock throughout: releasing it would let a standby take over mid-rebuild.
    await this.halt();
    try {
      if (!(await this.leader.acquire())) throw new ProjectionNotLeaderError(this.name);
      await this.checkpoints.setup((em) => this.opts.projection.setup(em));
      await this.opts.db.transaction(async (em) => {
        await this.checkpoints.lockForBatch(em);
        await this.opts.projection.reset(em);
        await this.checkpoints.write(em, 0);
      });
    } catch (err) {
      if (wasStarted) await this.start();
      else await this.leader.release();
      throw err;
    }
    log.info({ projection: this.name }, 'projection reset; replaying from the start of the stream');
    const tracker = new RebuildTracker(onProgress);
    this.rebuilding = tracker;
    await this.start();
    try {
      await tracker.done;
    } finally {
      if (this.rebuilding === tracker) this.rebuilding = undefined;
      if (!wasStarted) await this.stop();
    }
  }

  /** Measures the lag now (stream messages after the checkpoint and the age of the first of them). */
  async lag(): Promise<Lag> {
    const caughtUp = !this.applying && (this.session?.drained ?? false);
    return measureLag(this.opts.nc, this.settings.stream, await this.checkpoints.read(), caughtUp);
  }

  async checkpoint(): Promise<number> {
    return this.checkpoints.read();
  }

  /** Failures recorded for this projection, oldest first. */
  async failures(): Promise<ProjectionFailure[]> {
    return this.checkpoints.failures();
  }

  /** Resolves once the read model includes stream sequence `seq` (read-your-writes after an append). */
  async waitForSeq(seq: number, timeoutMs = 5000): Promise<void> {
    if (this.known >= seq) return;
    this.known = Math.max(this.known, await this.checkpoints.read());
    if (this.known >= seq) return;
    if (this.stoppedAtSeq !== undefined && seq >= this.stoppedAtSeq) throw new ProjectionStoppedError(this.name, this.stoppedAtSeq);
    const reached = this.waiters.add(seq, timeoutMs, () => new ProjectionWaitTimeoutError(this.name, seq, this.known, timeoutMs));
    this.pollWhileWaiting();
    return reached;
  }

  /** Ends the loop after the batch in hand; keeps the leader lock and the lag probe. */
  private async halt(): Promise<void> {
    this.running = false;
    this.session?.interrupt();
    this.wakeSleep?.();
    await this.loop;
    this.loop = undefined;
  }

  // ── the loop ────────────────────────────────────────────────────────────────────────────────────────────

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if (!(await this.leader.acquire())) {
          await this.sleep(STANDBY_POLL_MS);
          continue;
        }
        await this.runSession();
      } catch (err) {
        if (!this.running) break;
        if (err instanceof ApplyFailure) await this.onApplyFailure(err);
        else {
          // NATS or PostgreSQL unavailable: not the event's fault, so it does not count as an attempt.
          log.warn({ err, projection: this.name }, 'projection session failed; retrying');
          await this.sleep(INFRA_RETRY_MS);
        }
      }
    }
  }

  private async runSession(): Promise<void> {
    // 1. resume right after the checkpoint
    this.known = await this.checkpoints.read();
    const session = await ConsumerSession.open(this.opts.nc, this.settings, this.known + 1);
    this.session = session;
    if (!this.running) session.interrupt();
    if (this.rebuilding && !this.rebuilding.started) this.rebuilding.begin(session.pendingAtStart);
    try {
      // 2. apply what arrives, batch by batch, until stopped or a batch fails
      for (;;) {
        const batch = await session.take(this.singleStepUntil > this.known ? 1 : this.settings.batchSize);
        if (batch.length === 0) return;
        const timer = metrics.batchSeconds.startTimer(this.labels);
        this.applying = true;
        try {
          const outcome = await applyBatch(this.opts.db, this.checkpoints, this.opts.projection, batch, this.opts.upcasters);
          // 3. acknowledge only after the commit; the consumer acknowledges everything up to the last message
          batch.at(-1)!.ack();
          timer();
          this.committed(outcome);
        } finally {
          this.applying = false;
        }
      }
    } finally {
      this.session = undefined;
      await session.close();
    }
  }

  private committed(outcome: BatchOutcome): void {
    this.known = outcome.checkpoint;
    if (this.retry && this.known >= this.retry.seq) this.retry = undefined;
    metrics.checkpoint.set(this.labels, this.known);
    metrics.applied.inc(this.labels, outcome.seqs.length);
    this.waiters.reached(this.known);
    this.rebuilding?.committed(outcome.seqs.length);
    const info: BatchCommitted = { seqs: outcome.seqs, checkpoint: outcome.checkpoint };
    this.opts.onBatchCommitted?.(info);
  }

  private async onApplyFailure(failure: ApplyFailure): Promise<void> {
    metrics.applyErrors.inc(this.labels);
    if (failure.unisolatedUntil !== undefined) {
      // applyBatch failed on several messages: replay them one per transaction at once to find the culprit
      this.singleStepUntil = failure.unisolatedUntil;
      log.debug({ projection: this.name, from: failure.seq, to: failure.unisolatedUntil }, 'batch failed; isolating the failing event');
      return;
    }
    if (!(await this.databaseAnswers())) {
      log.warn({ projection: this.name, seq: failure.seq }, 'batch failed while PostgreSQL is unreachable; retrying');
      await this.sleep(INFRA_RETRY_MS);
      return;
    }
    const { state, decision } = nextRetry(this.retry, failure.seq, this.settings);
    this.retry = state;
    this.singleStepUntil = failure.seq;
    if (decision.kind === 'retry') {
      log.warn(
        { projection: this.name, seq: failure.seq, subject: failure.subject, attempt: decision.attempt, delayMs: decision.delayMs, err: failure.cause },
        'event failed to apply; batch rolled back, retrying',
      );
      await this.sleep(decision.delayMs);
      return;
    }
    await this.stopOnPoison(failure, decision.attempts);
  }

  /** Gives up on an event: records it for an operator and stops, rather than spinning on it or skipping it. */
  private async stopOnPoison(failure: ApplyFailure, attempts: number): Promise<void> {
    await this.checkpoints.recordFailure({ seq: failure.seq, subject: failure.subject, error: describeError(failure.cause), attempts });
    this.running = false;
    this.stoppedAtSeq = failure.seq;
    metrics.stopped.set(this.labels, 1);
    log.error(
      { projection: this.name, seq: failure.seq, subject: failure.subject, attempts, err: failure.cause },
      'projection STOPPED: event could not be applied; recorded in projection_failures. Fix the projection and restart it',
    );
    const stopped = new ProjectionStoppedError(this.name, failure.seq);
    this.waiters.rejectFrom(failure.seq, stopped);
    this.rebuilding?.fail(new ProjectionRebuildInterruptedError(this.name, stopped.message));
  }

  // ── small mechanics ─────────────────────────────────────────────────────────────────────────────────────

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.opts.db.query('select 1');
      return true;
    } catch {
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeSleep = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeSleep = done;
    });
  }

  private startLagProbe(): void {
    if (this.lagTimer) return;
    const probe = async () => {
      try {
        const lag = await this.lag();
        metrics.lagEvents.set(this.labels, lag.events);
        metrics.lagSeconds.set(this.labels, lag.seconds);
      } catch (err) {
        log.debug({ err, projection: this.name }, 'lag probe failed');
      }
    };
    this.lagTimer = setInterval(() => void probe(), this.settings.lagIntervalMs);
    this.lagTimer.unref();
  }

  /** Another replica may be the one applying: follow the checkpoint in the database while someone waits. */
  private pollWhileWaiting(): void {
    if (this.waitPoll) return;
    this.waitPoll = setInterval(() => {
      if (this.waiters.size === 0) {
        clearInterval(this.waitPoll);
        this.waitPoll = undefined;
        return;
      }
      this.checkpoints
        .read()
        .then((cp) => {
          this.known = Math.max(this.known, cp);
          this.waiters.reached(this.known);
        })
        .catch(() => {});
    }, WAIT_POLL_MS);
    this.waitPoll.unref();
  }
}
