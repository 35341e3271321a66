import type { DataSource } from 'typeorm';
import { createLogger } from '#vorch/telemetry';
import type { DiscoveryOutcome, DiscoveryRunner } from './discovery-runner.js';
import type { ResourceChange } from '#vorch/vim-drivers';
import { mergePending, planRefresh } from './refresh-plan.js';
import { SiteWatcher } from './site-watcher.js';

const log = createLogger('inventory.supervisor');
const MAX_RETRY_MS = 5 * 60 * 1000;

interface SiteRow {
  id: string;
  tenant_id: string;
  status: string;
}

/**
 * Keeps every site's inventory current: resumes interrupted or failed discoveries with backoff, and re-walks
 * ready sites periodically so that changes made behind Vorch's back surface as drift.
 * One supervisor runs per deployment (the discovery runs of two would supersede each other): DiscoveryLeadership
 * starts it in the replica holding the discovery lease and stops it when that replica loses the lease.
 */
export class SiteSupervisor {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly failures = new Map<string, number>();
  private readonly watchers = new Map<string, SiteWatcher>();
  /** Change-feed entries that arrived while the site was being walked or refreshed: applied right after. */
  private readonly pending = new Map<string, ResourceChange[] | 'missed'>();
  private periodic: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly runner: DiscoveryRunner,
    private readonly opts: { rediscoverySeconds: number; retryBaseMs: number; watch: boolean },
  ) {}

  async start(): Promise<void> {
    if (this.stopped) return;
    const rows: SiteRow[] = await this.db.query(`select id, tenant_id, status from inv_sites`);
    for (const r of rows) {
      if (r.status === 'ready') this.watch(r.id, r.tenant_id);
      else this.schedule(r.id, r.tenant_id, 0);
    }
    if (this.opts.rediscoverySeconds > 0 && !this.stopped) {
      this.periodic = setInterval(() => void this.rediscoverReady(), this.opts.rediscoverySeconds * 1000);
      this.periodic.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.periodic);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const w of this.watchers.values()) w.stop();
    this.watchers.clear();
    this.pending.clear();
  }

  /** Stops watching a site that is no longer registered. */
  forget(siteId: string): void {
    clearTimeout(this.timers.get(siteId));
    this.timers.delete(siteId);
    this.watchers.get(siteId)?.stop();
    this.watchers.delete(siteId);
    this.pending.delete(siteId);
  }

  /** Runs discovery for a site now (or joins the run in progress). */
  async discoverNow(siteId: string, tenantId: string): Promise<DiscoveryOutcome> {
    clearTimeout(this.timers.get(siteId));
    this.timers.delete(siteId);
    const outcome = await this.runner.discover(siteId, tenantId);
    this.afterRun(outcome, tenantId);
    return outcome;
  }

  /**
   * A burst of change-feed entries: read again just what they name (a walk when they name a host, are too many,
   * or the feed lost its place). Entries arriving while the site is busy wait for it and are applied after.
   */
  private changed(siteId: string, tenantId: string, changes: ResourceChange[] | 'missed'): void {
    if (this.stopped) return;
    if (this.runner.isRunning(siteId)) {
      this.pending.set(siteId, mergePending(this.pending.get(siteId), changes));
      return;
    }
    const plan = planRefresh(mergePending(this.pending.get(siteId), changes));
    this.pending.delete(siteId);
    if (plan.kind === 'walk') {
      log.info({ siteId, reason: plan.reason }, 'site changed; walking it again');
      this.schedule(siteId, tenantId, 0);
      return;
    }
    this.runner
      .refresh(siteId, tenantId, plan)
      .then((outcome) => log.info({ siteId, ...outcome }, 'site changes read back'))
      .catch((err: unknown) => {
        log.warn({ siteId, err: (err as Error).message }, 'site changes could not be read back; walking the site instead');
        this.schedule(siteId, tenantId, 0);
      })
      .finally(() => this.applyPending(siteId, tenantId));
  }

  /** Entries that waited for the site: changed() takes what is pending along with what it is given. */
  private applyPending(siteId: string, tenantId: string): void {
    if (this.pending.has(siteId) && !this.runner.isRunning(siteId)) this.changed(siteId, tenantId, []);
  }

  private schedule(siteId: string, tenantId: string, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timers.get(siteId));
    const t = setTimeout(() => {
      this.timers.delete(siteId);
      this.discoverNow(siteId, tenantId).catch((err: unknown) => {
        log.error({ err, siteId }, 'discovery failed unexpectedly; retrying later');
        this.retryLater(siteId, tenantId);
      });
    }, delayMs);
    t.unref();
    this.timers.set(siteId, t);
  }

  private afterRun(outcome: DiscoveryOutcome, tenantId: string): void {
    if (outcome.status === 'unreachable') this.retryLater(outcome.siteId, tenantId);
    else if (outcome.status === 'ready') {
      this.failures.delete(outcome.siteId);
      this.watch(outcome.siteId, tenantId);
      this.applyPending(outcome.siteId, tenantId);
    }
  }

  private watch(siteId: string, tenantId: string): void {
    if (!this.opts.watch || this.stopped || this.watchers.has(siteId)) return;
    const watcher = new SiteWatcher(
      siteId,
      () => this.runner.driverForSite(siteId),
      (changes) => this.changed(siteId, tenantId, changes),
    );
    this.watchers.set(siteId, watcher);
    watcher.start();
  }

  private retryLater(siteId: string, tenantId: string): void {
    const n = (this.failures.get(siteId) ?? 0) + 1;
    this.failures.set(siteId, n);
    const delay = Math.min(MAX_RETRY_MS, this.opts.retryBaseMs * 2 ** (n - 1));
    log.info({ siteId, attempt: n, delayMs: delay }, 'site discovery will be retried');
    this.schedule(siteId, tenantId, delay);
  }

  private async rediscoverReady(): Promise<void> {
    const rows: SiteRow[] = await this.db.query(`select id, tenant_id, status from inv_sites where status = 'ready'`);
    for (const r of rows) if (!this.runner.isRunning(r.id)) this.schedule(r.id, r.tenant_id, 0);
  }
}
