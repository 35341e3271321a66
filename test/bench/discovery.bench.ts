// npm run bench -- discovery: time to discover a 10,000-host site through the real path (driver over HTTP to
// infra-sim, events appended to JetStream, read model projected to PostgreSQL), once per dialect; then how long a VM
// created behind Vorch's back takes to reach the read model through the change feed (one targeted read-back, the
// whole walk as the baseline).
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { INVENTORY_SUBJECTS, type CommandMeta, type SiteView } from '#vorch/contracts';
import { EventStore } from '#vorch/eventstore';
import { Bus } from '#vorch/messaging';
import { generateTopology, startInfraSim } from '#vorch/infra-sim';
import { privateNats, testDatabase } from '#vorch/testing';
import { createDriver } from '#vorch/vim-drivers';
import { createInventoryService } from '../../apps/inventory/src/create-inventory-service.js';
import { driverFactory } from '../../apps/inventory/src/discovery/driver-factory.js';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 10000);
let n = 0;
const meta = (): CommandMeta => ({ commandId: `bench-${n++}`, tenantId: 'bench', correlationId: 'bench' });
const emit = (o: object) => process.stdout.write(`${JSON.stringify({ bench: 'discovery', ...o })}\n`);

async function main(): Promise<void> {
  const nats = await privateNats();
  const db = await testDatabase();
  const sim = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: HOSTS }), port: 0 });
  const app = await createInventoryService(
    { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'cd'.repeat(32), rediscoverySeconds: 0, watch: true, pageSize: 500, retryBaseMs: 1000 },
    driverFactory({ timeoutMs: 30000 }),
  );
  const nc = await connect({ servers: nats.url });
  const bus = new Bus(nc);
  const store = await EventStore.open(nc, { stream: 'EVT_INVENTORY', subjectPrefix: 'evt.inventory' });
  const walkMs = new Map<string, number>();
  try {
    for (const name of ['site-1', 'site-2', 'site-3']) {
      const d = sim.admin.describeSite(name);
      const started = performance.now();
      const site = await bus.request<SiteView>(
        INVENTORY_SUBJECTS.registerSite,
        { name, dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, domain: name },
        meta(),
        { timeoutMs: 30000 },
      );
      // Discovery runs in the background after registration: ask for it explicitly and wait for the outcome.
      const outcome = await bus.request<{ status: string }>(INVENTORY_SUBJECTS.discoverSite, { id: site.id }, meta(), { timeoutMs: 600000 });
      const seconds = (performance.now() - started) / 1000;
      if (outcome.status !== 'ready') throw new Error(`${name} discovery ended ${outcome.status}`);
      const { version } = await store.load('site', site.id, { initialState: 0, evolve: (s: number) => s + 1 });
      emit({ case: `discover-${HOSTS}-hosts-${d.dialect}`, value: Number(seconds.toFixed(2)), unit: 's', goal: 30 });
      emit({ case: `events-recorded-${d.dialect}`, value: Math.round(version / seconds), unit: 'events/s' });
      walkMs.set(name, seconds * 1000);
    }
    await changeFeedLatency(sim.admin.describeSite('site-1'), db.url, walkMs.get('site-1')!);
  } finally {
    await app.close();
    await nc.close();
    await sim.stop();
    await db.drop();
    await nats.destroy();
  }
}

/** A VM created on the VIM directly, until its row is in the read model: the feed's 1 s gathering plus one read-back. */
async function changeFeedLatency(d: { dialect: string; endpoint: string; credentials: unknown }, databaseUrl: string, walkMs: number): Promise<void> {
  const driver = createDriver({ dialect: d.dialect, endpoint: d.endpoint, credentials: d.credentials, timeoutMs: 30000 });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const [network] = await driver.listNetworks();
    if (!network) throw new Error('the site has no network to plug a VM into');
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const port = await driver.createPort({ networkId: network.externalId, name: `bench-nic-${i}` });
      const vm = await driver.createVm({ name: `bench-vm-${i}`, cpu: 1, memoryMb: 512, portIds: [port.externalId] });
      for (;;) {
        const { rowCount } = await sql.query(`select 1 from inv_resources where kind='vm' and external_id=$1`, [vm.externalId]);
        if (rowCount) break;
        if (performance.now() - started > 120_000) throw new Error(`VM ${vm.externalId} never reached the read model`);
        await new Promise((r) => setTimeout(r, 20));
      }
      took.push(performance.now() - started);
    }
    took.sort((a, b) => a - b);
    const p50 = took[Math.floor(took.length / 2)]!;
    emit({ case: `change-visible-1-vm-${HOSTS}-hosts-${d.dialect}-p50`, value: Math.round(p50), unit: 'ms', baseline: Math.round(walkMs), ratio: Number((p50 / walkMs).toFixed(3)) });
  } finally {
    await sql.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
