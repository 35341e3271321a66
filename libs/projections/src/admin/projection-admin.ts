import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  newerRebuildOutcome,
  newId,
  projectionAdminSubjects,
  ProjectionNotFoundError,
  ProjectionRebuildRunningError,
  RebuildProjectionInput,
  type ProjectionAdminSubjects,
  type ProjectionFailureView,
  type ProjectionStatusView,
  type ReplicaProjectionsView,
} from '#vorch/contracts';
import { serveRequests } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';
import type { ProjectionRunner } from '../projection-runner.js';
import { projectionState } from './projection-state.js';
import { RebuildJob } from './rebuild-job.js';

const log = createLogger('projections');

export interface ProjectionAdminOptions {
  /** The service's name on the bus (as in MessagingModule.forRoot). */
  service: string;
  runners: ProjectionRunner[];
  /** Test prefix of the admin subjects; none in production. */
  prefix?: string;
  /** How often leadership is looked at to subscribe or drop the rebuild subjects (default 1000 ms). */
  leaderCheckMs?: number;
  /** Rebuild progress is logged every tenth of the total, and at least this often (default 5000 ms). */
  progressLogMs?: number;
  now?: () => Date;
}

/**
 * Lets operators see and rebuild a service's projections over the bus (docs/projections.md, "Operating"). Every
 * replica answers the status scatter; only the replica leading a projection serves its rebuild subject, so a rebuild
 * always lands where it can run, and runs there in the background.
 */
export class ProjectionAdmin {
  /** This process, as operators see it in the status. */
  readonly replica = `${hostname()}-${process.pid}-${randomBytes(2).toString('hex')}`;
  private readonly subjects: ProjectionAdminSubjects;
  private readonly jobs = new Map<string, RebuildJob>();
  private readonly rebuildSubscriptions = new Map<string, Subscription>();
  private readonly statusSubscription: Subscription;
  private readonly leaderTimer: NodeJS.Timeout;
  private readonly now: () => Date;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly opts: ProjectionAdminOptions,
  ) {
    this.subjects = projectionAdminSubjects(opts.prefix);
    this.now = opts.now ?? (() => new Date());
    // A queue group of its own: every replica answers the scatter, none shares the work.
    this.statusSubscription = serveRequests(nc, { subject: this.subjects.status, queue: `projections-status-${newId()}`, handle: () => this.status() });
    this.followLeadership();
    this.leaderTimer = setInterval(() => this.followLeadership(), opts.leaderCheckMs ?? 1000);
    this.leaderTimer.unref();
  }

  static serve(nc: NatsConnection, opts: ProjectionAdminOptions): ProjectionAdmin {
    return new ProjectionAdmin(nc, opts);
  }

  /** This replica's view of each of its projections. */
  async status(): Promise<ReplicaProjectionsView> {
    const projections = await Promise.all(this.opts.runners.map((r) => this.statusOf(r)));
    return { service: this.opts.service, replica: this.replica, projections };
  }

  async statusOf(runner: ProjectionRunner): Promise<ProjectionStatusView> {
    const job = this.jobs.get(runner.name);
    const rebuilding = job?.running ?? false;
    const state = projectionState({ leads: runner.leads, stoppedAt: runner.stoppedAt, rebuilding });
    const [checkpoint, lag, failure, recorded] = await Promise.all([runner.checkpoint(), runner.lag(), this.failureOf(runner), this.recordedRebuild(runner)]);
    const view: ProjectionStatusView = { name: runner.name, service: this.opts.service, replica: this.replica, state, checkpoint, lagEvents: lag.events };
    if (state === 'stopped' && failure) view.failure = failure;
    if (job && rebuilding) view.rebuild = job.progress;
    // This replica's own outcome may not be recorded yet; one recorded by another replica may be newer.
    const lastRebuild = newerRebuildOutcome(job?.outcome, recorded);
    if (lastRebuild) view.lastRebuild = lastRebuild;
    return view;
  }

  private async recordedRebuild(runner: ProjectionRunner) {
    try {
      return await runner.rebuilds.last();
    } catch (err) {
      log.warn({ projection: runner.name, err: (err as Error).message }, 'rebuild history unreadable; showing this replica\'s own');
      return undefined;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.leaderTimer);
    this.statusSubscription.unsubscribe();
    for (const s of this.rebuildSubscriptions.values()) s.unsubscribe();
    this.rebuildSubscriptions.clear();
  }

  private async failureOf(runner: ProjectionRunner): Promise<ProjectionFailureView | undefined> {
    const seq = runner.stoppedAt;
    if (seq === undefined) return undefined;
    const f = (await runner.failures()).filter((x) => x.seq === seq).at(-1);
    if (!f) return undefined;
    return { seq: f.seq, subject: f.subject, error: f.error, attempts: f.attempts, failedAt: f.failedAt.toISOString() };
  }

  /** Serves a projection's rebuild subject exactly while this replica leads it (or still runs a rebuild of it). */
  private followLeadership(): void {
    for (const runner of this.opts.runners) {
      const serving = runner.leads || (this.jobs.get(runner.name)?.running ?? false);
      const subscription = this.rebuildSubscriptions.get(runner.name);
      if (serving && !subscription) {
        const subject = this.subjects.rebuild(runner.name);
        this.rebuildSubscriptions.set(
          runner.name,
          serveRequests(this.nc, { subject, queue: 'projections-rebuild', input: RebuildProjectionInput, handle: async (input) => this.rebuild(runner, input) }),
        );
        log.debug({ projection: runner.name, subject }, 'leading: serving rebuild requests');
      } else if (!serving && subscription) {
        subscription.unsubscribe();
        this.rebuildSubscriptions.delete(runner.name);
      }
    }
  }

  /** Accepts a rebuild and answers at once; the replay runs in the background and shows in the status. */
  private async rebuild(runner: ProjectionRunner, input: RebuildProjectionInput): Promise<ProjectionStatusView> {
    if (input.name !== runner.name) throw new ProjectionNotFoundError(input.name);
    const current = this.jobs.get(runner.name);
    if (current?.running) throw new ProjectionRebuildRunningError(runner.name, current.progress.startedAt);
    const job = new RebuildJob(runner.name, this.now, this.opts.progressLogMs);
    this.jobs.set(runner.name, job);
    log.info({ projection: runner.name, service: this.opts.service }, 'projection rebuild accepted');
    runner
      .rebuild((p) => job.report(p))
      .then(
        () => job.completed(),
        (err: unknown) => job.failed(err),
      )
      .then(() => runner.rebuilds.record(job.outcome!, this.replica))
      .catch((err: unknown) => log.warn({ projection: runner.name, err: (err as Error).message }, 'rebuild outcome not recorded; this replica still shows it'));
    return this.statusOf(runner);
  }
}
