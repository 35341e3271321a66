import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import { SiteIdInput, type CommandMeta } from '#vorch/contracts';
import { Bus, KvLease, runWhileLeader, serveRequests, type Leadership } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';
import type { DiscoveryOutcome } from './discovery-runner.js';
import type { SiteSupervisor } from './site-supervisor.js';
import { DISCOVERY_LEADER_QUEUE, DISCOVERY_LEADER_SUBJECTS, DISCOVERY_LEASE_KEY } from './discovery-leader.subjects.js';

const log = createLogger('inventory.discovery-leader');

/** A run of a large site takes minutes; the caller's own timeout (the gateway's) usually ends the wait first. */
const REMOTE_RUN_TIMEOUT_MS = 5 * 60 * 1000;

export interface DiscoveryLeadershipDeps {
  nc: NatsConnection;
  /** Lease ttl: a dead holder's supervisor moves to another replica within about this long. */
  leaseMs: number;
  /** A fresh supervisor each time this replica gains the lease (a stopped one is not restarted). */
  newSupervisor(): SiteSupervisor;
  /** Resolves once the read model holds every site event recorded so far, so the new leader misses no site. */
  catchUp(): Promise<void>;
}

/**
 * Runs the discovery supervisor (walks, watches, retries, periodic re-walks) in exactly one inventory replica: the
 * holder of a NATS KV lease. Every replica serves commands and queries; a registration or a discover request that
 * lands on a replica without the lease is handed to the holder over `DISCOVERY_LEADER_SUBJECTS`, which only the
 * holder serves. If no replica holds the lease at that moment (a takeover under way), the next holder still finds
 * the site: on gaining the lease it waits for the read model to catch up and resumes every site not ready.
 */
export class DiscoveryLeadership {
  private supervisor: SiteSupervisor | undefined;
  private subscriptions: Subscription[] = [];
  private leadership: Leadership | undefined;
  private readonly bus: Bus;

  private constructor(private readonly d: DiscoveryLeadershipDeps) {
    this.bus = new Bus(d.nc);
  }

  /** Resolves after the first attempt at the lease, so a single replica is the leader as soon as it has started. */
  static async start(d: DiscoveryLeadershipDeps): Promise<DiscoveryLeadership> {
    const self = new DiscoveryLeadership(d);
    const lease = await KvLease.open(d.nc, { key: DISCOVERY_LEASE_KEY, ttlMs: d.leaseMs });
    self.leadership = await runWhileLeader(lease, {
      renewEveryMs: Math.max(50, Math.floor(d.leaseMs / 3)),
      onGained: () => self.gained(),
      onLost: () => self.lost(),
    });
    return self;
  }

  /** True while this replica runs the supervisor. */
  get leading(): boolean {
    return this.supervisor !== undefined;
  }

  /** Runs discovery of a site now, here if this replica leads, else in the replica that does. */
  discoverNow(siteId: string, meta: CommandMeta): Promise<DiscoveryOutcome> {
    if (this.supervisor) return this.supervisor.discoverNow(siteId, meta.tenantId);
    return this.bus.request<DiscoveryOutcome>(DISCOVERY_LEADER_SUBJECTS.discover, { id: siteId }, meta, { timeoutMs: REMOTE_RUN_TIMEOUT_MS });
  }

  /** Stops watching a site that is being deregistered, wherever the supervisor runs. */
  async forget(siteId: string, meta: CommandMeta): Promise<void> {
    if (this.supervisor) return this.supervisor.forget(siteId);
    // No leader now: the next one reads the sites from the read model, where a deregistered site is gone.
    await this.bus.request(DISCOVERY_LEADER_SUBJECTS.forget, { id: siteId }, meta).catch((err: unknown) => log.info({ err, siteId }, 'no discovery leader told to forget the site'));
  }

  async stop(): Promise<void> {
    await this.leadership?.stop();
  }

  private async gained(): Promise<void> {
    const supervisor = this.d.newSupervisor();
    this.supervisor = supervisor;
    // 1. take hand-overs at once: a run asked for now needs no catch-up
    this.subscriptions = [
      serveRequests(this.d.nc, {
        subject: DISCOVERY_LEADER_SUBJECTS.discover,
        queue: DISCOVERY_LEADER_QUEUE,
        input: SiteIdInput,
        handle: (input, meta) => this.discoverNow(input.id, meta),
      }),
      serveRequests(this.d.nc, {
        subject: DISCOVERY_LEADER_SUBJECTS.forget,
        queue: DISCOVERY_LEADER_QUEUE,
        input: SiteIdInput,
        handle: async (input, meta) => {
          await this.forget(input.id, meta);
          return { forgotten: true };
        },
      }),
    ];
    // 2. the read model must hold every site registered so far (possibly through a replica that found no leader)
    await this.d.catchUp().catch((err: unknown) => log.warn({ err }, 'read model not caught up; supervising the sites it has'));
    // 3. resume, watch and re-walk every site
    await supervisor.start();
    log.info('this replica runs the discovery supervisor');
  }

  private lost(): void {
    this.supervisor?.stop();
    this.supervisor = undefined;
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions = [];
    log.info('this replica no longer runs the discovery supervisor');
  }
}
