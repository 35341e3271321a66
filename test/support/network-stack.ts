import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Bus } from '#vorch/messaging';
import { privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { SitesFeatureModule } from '../../apps/gateway/src/sites/sites.feature.module.js';
import { NetworksFeatureModule } from '../../apps/gateway/src/networks/networks.feature.module.js';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';
import type { InventoryConfig } from '../../apps/inventory/src/inventory.config.js';
import { createNetworkStitchingService } from '../../apps/network-stitching/src/create-network-stitching-service.js';
import type { NetworkStitchingConfig } from '../../apps/network-stitching/src/network-stitching.config.js';
import { NetworkStitchingCore } from '../../apps/network-stitching/src/network-stitching.core.js';
import { restClient, type RestCall } from './rest-client.js';
import { Teardown } from './teardown.js';

export interface NetworkStackOptions {
  /** Simulated sites (site-1 openstack, site-2 vsphere, site-3 kubevirt, then round again) and hosts on each. */
  sites: number;
  hostsPerSite: number;
  /** Merged over the defaults below: how patient the inventory is with a site that does not answer. */
  inventory?: Partial<InventoryConfig>;
  /** The VIM drivers the inventory uses. */
  driver?: { timeoutMs?: number; retries?: number; retryBaseDelayMs?: number };
  stitching?: Partial<NetworkStitchingConfig>;
  /** Starts the gateway with the sites and networks routes; `keys` in `VORCH_API_KEYS` syntax. */
  gateway?: { keys: string; defaultKey: string };
}

/** Everything a stretched-network test talks to: the estate, the services, the bus and (when asked) the gateway. */
export interface NetworkStack {
  nats: PrivateServer;
  db: TestDatabase;
  sim: InfraSim;
  inventory: INestApplicationContext;
  nc: NatsConnection;
  bus: Bus;
  /** The running network-stitching service and its core: they change when a test restarts the service. */
  stitching: INestApplicationContext;
  core: NetworkStitchingCore;
  gateway?: Gateway;
  /** A REST call through the gateway (only when it was started). */
  call: RestCall;
  /** The dialect the simulator gave a site (site-1 openstack, site-2 vsphere, site-3 kubevirt, …). */
  dialectOf(siteName: string): string;
  stopStitching(): Promise<void>;
  /** Starts the service again with the same configuration: what it resumes comes from its events alone. */
  startStitching(): Promise<void>;
  stop(): Promise<void>;
}

// Short enough that a site made unreachable fails fast, long enough for the simulator on a busy machine.
const INVENTORY_DEFAULTS = { credentialsKey: '5e'.repeat(32), rediscoverySeconds: 0, pageSize: 50, retryBaseMs: 200 };
const DRIVER_DEFAULTS = { timeoutMs: 1500, retries: 0, retryBaseDelayMs: 10 };
const STITCHING_DEFAULTS = { driftCheckMs: 0, vimTimeoutMs: 8000, vniRange: { min: 10000, max: 20000 } };

/** Timings for tests through the gateway: they never make a site unreachable, so nothing needs to fail fast. */
export const PATIENT_TIMINGS = {
  inventory: { retryBaseMs: 500 },
  driver: { timeoutMs: 3000, retries: 1 },
  stitching: { vimTimeoutMs: 10000 },
} satisfies Partial<NetworkStackOptions>;

/**
 * Starts a NATS of the stack's own (the services use their default stream names), a database, infra-sim with a
 * generated topology, the inventory and network-stitching services and, if asked, the gateway. Sites are not
 * registered: tests register them the way they test (`registerSites` over the bus, or through REST).
 */
export async function startNetworkStack(o: NetworkStackOptions): Promise<NetworkStack> {
  const teardown = new Teardown();
  try {
    const nats = teardown.add(await privateNats(), (n) => n.destroy());
    const db = teardown.add(await testDatabase(), (d) => d.drop());
    const topology = generateTopology({ sites: o.sites, hostsPerSite: o.hostsPerSite });
    const sim = teardown.add(await startInfraSim({ topology, port: 0, timing: { buildMs: 1, migrateMs: 1 } }), (s) => s.stop());
    const nc = teardown.add(await connect({ servers: nats.url }), (c) => c.close());
    const inventory = teardown.add(
      await createInventoryService({ natsUrl: nats.url, databaseUrl: db.url, ...INVENTORY_DEFAULTS, ...o.inventory }, driverFactory({ ...DRIVER_DEFAULTS, ...o.driver })),
      (i) => i.close(),
    );
    const stitchingConfig: NetworkStitchingConfig = { natsUrl: nats.url, databaseUrl: db.url, ...STITCHING_DEFAULTS, ...o.stitching };
    let stitching: INestApplicationContext | undefined = await createNetworkStitchingService(stitchingConfig);
    // The service a test restarted is the one to close.
    teardown.add(undefined, async () => stitching?.close());
    const gateway = o.gateway
      ? teardown.add(
          await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: o.gateway.keys, natsUrl: nats.url, features: [SitesFeatureModule, NetworksFeatureModule] }),
          (g) => g.close(),
        )
      : undefined;
    const noGateway: RestCall = () => Promise.reject(new Error('this network stack was started without a gateway'));
    const running = () => {
      if (!stitching) throw new Error('the network-stitching service is stopped');
      return stitching;
    };

    return {
      nats,
      db,
      sim,
      inventory,
      nc,
      bus: new Bus(nc),
      get stitching() {
        return running();
      },
      get core() {
        return running().get(NetworkStitchingCore);
      },
      gateway,
      call: gateway && o.gateway ? restClient(gateway.httpUrl, o.gateway.defaultKey) : noGateway,
      dialectOf: (siteName) => sim.admin.describeSite(siteName).dialect,
      async stopStitching() {
        await stitching?.close();
        stitching = undefined;
      },
      async startStitching() {
        stitching = await createNetworkStitchingService(stitchingConfig);
      },
      stop: () => teardown.run(),
    };
  } catch (err) {
    await teardown.run();
    throw err;
  }
}
