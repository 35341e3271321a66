// npm run bench -- discovery: time to discover a 10,000-host site through the real path (driver over HTTP to
// infra-sim, events appended to JetStream, read model projected to PostgreSQL), once per dialect.
import { connect } from '@nats-io/transport-node';
import { INVENTORY_SUBJECTS, type CommandMeta, type SiteView } from '#vorch/contracts';
import { EventStore } from '#vorch/eventstore';
import { Bus } from '#vorch/messaging';
import { generateTopology, startInfraSim } from '#vorch/infra-sim';
import { privateNats, testDatabase } from '#vorch/testing';
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
    { natsUrl: nats.url, databaseUrl: db.url, credentialsKey: 'cd'.repeat(32), rediscoverySeconds: 0, watch: false, pageSize: 500, retryBaseMs: 1000 },
    driverFactory({ timeoutMs: 30000 }),
  );
  const nc = await connect({ servers: nats.url });
  const bus = new Bus(nc);
  const store = await EventStore.open(nc, { stream: 'EVT_INVENTORY', subjectPrefix: 'evt.inventory' });
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
    }
  } finally {
    await app.close();
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
