import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { jetstreamManager } from '@nats-io/jetstream';
import { INVENTORY_EVENTS, NotFoundError, statsSubjects, type SiteView } from '#vorch/contracts';
import { SiteNotFoundError } from '#vorch/inventory-domain';
import { EventStore } from '#vorch/eventstore';
import { createDataSource, ProjectionAdmin, ProjectionRunner } from '#vorch/projections';
import { CredentialSealer } from './credentials/credential-sealer.js';
import { SiteCommands } from './commands/site-commands.js';
import { VimOperations } from './commands/vim-operations.js';
import { InventoryQueries } from './queries/inventory-queries.js';
import { DiscoveryRunner } from './discovery/discovery-runner.js';
import { SiteSupervisor } from './discovery/site-supervisor.js';
import { DiscoveryLeadership } from './discovery/discovery-leadership.js';
import { SiteDrivers } from './discovery/site-drivers.js';
import type { DriverFactory } from './discovery/driver-factory.js';
import { InventoryProjection } from './projections/inventory.projection.js';
import { AddressReportPublisher } from './addresses/address-report-publisher.js';
import { DEFAULT_LEASE_MS, type InventoryConfig } from './inventory.config.js';

/**
 * Everything the inventory service is made of, wired once. The Nest module exposes it to the bus handlers;
 * tests can build it directly.
 */
export class InventoryCore {
  private constructor(
    readonly db: DataSource,
    readonly store: EventStore,
    readonly projection: ProjectionRunner,
    readonly commands: SiteCommands,
    readonly queries: InventoryQueries,
    /** Runs the discovery supervisor in the one replica holding the lease; hands requests to it from the others. */
    readonly discovery: DiscoveryLeadership,
    readonly vim: VimOperations,
    readonly addressReports: AddressReportPublisher,
    /** Operators' status and rebuild of the read model, over the bus. */
    readonly projectionAdmin: ProjectionAdmin,
  ) {}

  static async start(nc: NatsConnection, config: InventoryConfig, drivers: DriverFactory): Promise<InventoryCore> {
    const store = await EventStore.open(nc, {
      stream: INVENTORY_EVENTS.stream,
      subjectPrefix: INVENTORY_EVENTS.subjectPrefix,
      snapshotBucket: 'SNAP_INVENTORY',
      snapshotEvery: 50,
    });
    const db = await createDataSource(config.databaseUrl, { poolSize: 5, name: 'inventory' });
    const projection = new ProjectionRunner({ nc, db, projection: new InventoryProjection(), batchSize: 500 });
    await projection.start();
    const projectionAdmin = ProjectionAdmin.serve(nc, { service: 'inventory', runners: [projection] });
    const sealer = new CredentialSealer(config.credentialsKey);
    const commands = new SiteCommands(store, sealer, drivers);
    const queries = new InventoryQueries(db);
    const siteDrivers = new SiteDrivers(sealer, drivers);
    const waitForSeq = (seq: number) => projection.waitForSeq(seq, 60000);
    const addressReports = new AddressReportPublisher(nc, statsSubjects(config.statsPrefix), commands, queries, waitForSeq);
    const runner = new DiscoveryRunner(commands, queries, siteDrivers, waitForSeq, config.pageSize, (siteId) => void addressReports.publish(siteId));
    const supervisorOptions = { rediscoverySeconds: config.rediscoverySeconds, retryBaseMs: config.retryBaseMs, watch: config.watch ?? true };
    const jsm = await jetstreamManager(nc);
    const discovery = await DiscoveryLeadership.start({
      nc,
      leaseMs: config.leaseMs ?? DEFAULT_LEASE_MS,
      newSupervisor: () => new SiteSupervisor(db, runner, supervisorOptions),
      catchUp: async () => waitForSeq((await jsm.streams.info(INVENTORY_EVENTS.stream)).state.last_seq),
    });
    void addressReports.publishAll(); // in the background: it waits for the read model to catch up with each site
    return new InventoryCore(db, store, projection, commands, queries, discovery, new VimOperations(commands, siteDrivers), addressReports, projectionAdmin);
  }

  /**
   * The caller's site, from the write side: just registered sites exist before the read model has them, and
   * another tenant's site answers not found.
   */
  async requireSite(tenantId: string, siteId: string): Promise<void> {
    const { state } = await this.commands.load(siteId);
    if (state.status === 'absent' || state.status === 'deregistered' || state.tenantId !== tenantId) throw new SiteNotFoundError(siteId);
  }

  /** A site view that includes the caller's latest writes (waits for the read model when it is behind). */
  async siteView(tenantId: string, siteId: string): Promise<SiteView> {
    try {
      return await this.queries.getSite(tenantId, siteId);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      await this.requireSite(tenantId, siteId);
      await this.waitForSite(siteId);
      return this.queries.getSite(tenantId, siteId);
    }
  }

  /** Read-your-writes: resolves once the read model includes everything recorded for the site so far. */
  async waitForSite(siteId: string): Promise<void> {
    const { seq } = await this.commands.load(siteId);
    // Generous: a fresh walk of a large site can leave tens of thousands of events to project.
    await this.projection.waitForSeq(seq, 180000);
  }

  async stop(): Promise<void> {
    await this.discovery.stop();
    this.addressReports.stop();
    await this.projectionAdmin.stop();
    await this.projection.stop();
    await this.db.destroy();
  }
}
