// npm run bench -- stitching
// Whole-service figures on a private NATS, a test database for the inventory and an in-process infra-sim with one
// site per dialect (openstack home, vsphere and kubevirt peers):
// - stitch-3-sites: from POST (the create command) until the network is active on all three sites, seconds (p50 of 5).
// - networks-stitched-per-s: 20 networks created at once, each across the three sites, until all are active.
import { connect } from '@nats-io/transport-node';
import { INVENTORY_SUBJECTS, NETWORK_SUBJECTS, type CommandMeta, type NetworkView, type SiteView } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, testDatabase } from '#vorch/testing';
import { generateTopology, startInfraSim } from '#vorch/infra-sim';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';
import { createNetworkStitchingService } from '../../apps/network-stitching/src/create-network-stitching-service.js';

let commands = 0;
const meta = (): CommandMeta => ({ commandId: `bench-${Date.now()}-${++commands}`, tenantId: 'bench', correlationId: 'bench' });

function emit(c: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: 'stitching', case: c, value: Math.round(value * 1000) / 1000, unit, ...extra }));
}

async function main(): Promise<void> {
  const nats = await privateNats();
  const db = await testDatabase();
  const sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 4 }), port: 0, timing: { buildMs: 1, migrateMs: 1 } });
  const inventory = await createInventoryService(
    { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'b3'.repeat(32), rediscoverySeconds: 0, pageSize: 50, retryBaseMs: 500 },
    driverFactory({ timeoutMs: 5000, retries: 1, retryBaseDelayMs: 10 }),
  );
  const service = await createNetworkStitchingService({ natsUrl: nats.url, databaseUrl: db.url, driftCheckMs: 0, vimTimeoutMs: 15000, vniRange: { min: 10000, max: 20000 } });
  const nc = await connect({ servers: nats.url });
  const bus = new Bus(nc);
  try {
    const ids: string[] = [];
    for (const name of ['site-1', 'site-2', 'site-3']) {
      const d = sim.admin.describeSite(name);
      const view = await bus.request<SiteView>(INVENTORY_SUBJECTS.registerSite, { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: 'b' }, meta(), { timeoutMs: 30000 });
      ids.push(view.id);
      await eventually(async () => {
        if ((await bus.request<SiteView>(INVENTORY_SUBJECTS.getSite, { id: view.id }, meta())).status !== 'ready') throw new Error('not ready');
      }, { timeoutMs: 30000 });
    }
    let subnet = 0;
    const stitch = async () => {
      const n = await bus.request<NetworkView>(
        NETWORK_SUBJECTS.create,
        { name: `bench-${subnet}`, cidr: [`172.20.${subnet++}.0/24`], homeSite: ids[0], stretchTo: [ids[1], ids[2]], mtu: 1450 },
        meta(),
        { timeoutMs: 30000 },
      );
      await eventually(
        async () => {
          const v = await bus.request<NetworkView>(NETWORK_SUBJECTS.get, { id: n.id }, meta());
          if (!v.sites.every((s) => s.state === 'active')) throw new Error('not active yet');
        },
        { timeoutMs: 60000, intervalMs: 5 },
      );
    };
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await stitch();
      times.push((performance.now() - t) / 1000);
    }
    emit('stitch-3-sites', [...times].sort((a, b) => a - b)[2]!, 's', { samples: times.length });
    const t = performance.now();
    await Promise.all(Array.from({ length: 20 }, () => stitch()));
    emit('networks-stitched-per-s', 20 / ((performance.now() - t) / 1000), 'networks/s', { networks: 20, sitesEach: 3 });
  } finally {
    await service.close();
    await inventory.close();
    await nc.close();
    await sim.stop();
    await db.drop();
    await nats.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
