import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { statsSubjects, type StatsSubjects } from '#vorch/contracts';
import { createDataSource, ProjectionAdmin, ProjectionRunner } from '#vorch/projections';
import { AddressMapController } from './address-map/address-map-controller.js';
import { FlowCollector } from './collector/flow-collector.js';
import { AgentBatchRelay } from './counters/agent-batch-relay.js';
import { ensureStream } from './jetstream-setup.js';
import { TrafficStatsProjection } from './projections/traffic-stats.projection.js';
import { StatsQueries } from './queries/stats-queries.js';
import type { StatsCollectorConfig } from './stats-collector.config.js';

/** Everything the stats-collector is made of, wired once; the Nest module hands it to the bus handlers. */
export class StatsCollectorCore {
  private constructor(
    private readonly nc: NatsConnection,
    readonly subjects: StatsSubjects,
    readonly db: DataSource,
    readonly projection: ProjectionRunner,
    readonly addressMap: AddressMapController,
    readonly relay: AgentBatchRelay,
    readonly collector: FlowCollector,
    readonly queries: StatsQueries,
    /** Operators' status and rebuild of the read model, over the bus. */
    readonly projectionAdmin: ProjectionAdmin,
  ) {}

  static async start(nc: NatsConnection, config: StatsCollectorConfig): Promise<StatsCollectorCore> {
    const subjects = statsSubjects(config.prefix);
    // 1. streams: switch input (addresses, agent counters) and the counters on their way to the read model
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, { name: subjects.inputStream, subjects: [...subjects.inputStreamSubjects] });
    await ensureStream(jsm, { name: subjects.counters.stream, subjects: [`${subjects.counters.subjectPrefix}.>`] });
    // 2. read model
    const db = await createDataSource(config.databaseUrl, { poolSize: 5, name: 'stats-collector' });
    const projection = new ProjectionRunner({ nc, db, projection: new TrafficStatsProjection(subjects), batchSize: 500 });
    await projection.start();
    const projectionAdmin = ProjectionAdmin.serve(nc, { service: 'stats-collector', runners: [projection], prefix: config.prefix });
    // 3. address distribution, agent mode and collector mode
    const addressMap = await AddressMapController.start(nc, subjects);
    const relay = await AgentBatchRelay.start(nc, subjects);
    const collector = await FlowCollector.start(nc, subjects, {
      host: config.flowHost,
      ports: [config.ipfixPort, config.netflowPort, config.sflowPort],
      flushMs: config.flushMs,
    });
    return new StatsCollectorCore(nc, subjects, db, projection, addressMap, relay, collector, new StatsQueries(db), projectionAdmin);
  }

  /** Read-your-writes for tests and tools: resolves once every counter batch stored so far is in the read model. */
  async waitForCountersProjected(timeoutMs = 10000): Promise<void> {
    const jsm = await jetstreamManager(this.nc);
    const info = await jsm.streams.info(this.subjects.counters.stream);
    if (info.state.last_seq > 0) await this.projection.waitForSeq(info.state.last_seq, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.collector.stop();
    await this.relay.stop();
    await this.addressMap.stop();
    await this.projectionAdmin.stop();
    await this.projection.stop();
    await this.db.destroy();
  }
}
