import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { startInfraSim, type InfraSim, type InfraSimOptions } from '#vorch/infra-sim';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { StatsFeatureModule } from '../../apps/gateway/src/stats/stats.feature.module.js';
import { createStatsCollectorService } from '../../apps/stats-collector/src/create-stats-collector-service.js';
import type { StatsCollectorCore } from '../../apps/stats-collector/src/stats-collector.core.js';
import { Teardown } from './teardown.js';

export interface StatsStackOptions {
  /** The simulated estate: a generated topology or a topology file, with the simulator's timing if it matters. */
  sim: Pick<InfraSimOptions, 'topology' | 'timing'>;
  /** Starts the gateway with the statistics routes; `keys` in `VORCH_API_KEYS` syntax. */
  gateway?: { keys: string };
}

/** Everything a traffic-statistics test talks to; the switches (a fabric or an agent) are the test's own. */
export interface StatsStack {
  nats: PrivateServer;
  db: TestDatabase;
  sim: InfraSim;
  collector: { app: INestApplicationContext; core: StatsCollectorCore };
  gateway?: Gateway;
  nc: NatsConnection;
  stop(): Promise<void>;
}

/**
 * Starts a NATS of the stack's own (the collector uses its production subjects, prefix ''), a database, infra-sim,
 * the stats-collector with every flow listener on a free port and a short flush, and, if asked, the gateway.
 */
export async function startStatsStack(o: StatsStackOptions): Promise<StatsStack> {
  const teardown = new Teardown();
  try {
    const nats = teardown.add(await privateNats(), (n) => n.destroy());
    const db = teardown.add(await testDatabase(), (d) => d.drop());
    const sim = teardown.add(await startInfraSim({ ...o.sim, port: 0 }), (s) => s.stop());
    const collector = teardown.add(
      await createStatsCollectorService({
        natsUrl: nats.url, databaseUrl: db.url, prefix: '', flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 250,
      }),
      (c) => c.app.close(),
    );
    const gateway = o.gateway
      ? teardown.add(
          await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: o.gateway.keys, natsUrl: nats.url, features: [StatsFeatureModule] }),
          (g) => g.close(),
        )
      : undefined;
    const nc = teardown.add(await connect({ servers: nats.url }), (c) => c.close());
    return { nats, db, sim, collector, gateway, nc, stop: () => teardown.run() };
  } catch (err) {
    await teardown.run();
    throw err;
  }
}
