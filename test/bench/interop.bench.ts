// npm run bench -- interop
// Compatibility queries through the service's NATS query path (what the gateway calls) with 100,000 interoperability
// records in the read model: `check` (does a work with b) and `compatible` (a resource's records, one page of 100).
// Baseline: a no-op request/reply over the same bus client, the floor any query pays. Latencies are per request,
// awaited one after another; p50 and p99 over SAMPLES requests after a warm-up.
import { Bus, serveRequests } from '#vorch/messaging';
import { newId, type CommandMeta, type CompatibleResourcesView, type InteropCheckView, type RegisterInteropResourceResult } from '#vorch/contracts';
import { testDatabase, testNats } from '#vorch/testing';
import pg from 'pg';
import { createInteropService } from '../../apps/interoperability-matrix/src/interop-service.js';
import { percentile } from './bench-report.js';

const TENANTS = 20;
const HOSTS_PER_TENANT = 50;
const GUESTS_PER_TENANT = 50;
const HOST_PRODUCTS = 20;
const GUEST_PRODUCTS = 50;
const WARMUP = 300;
const SAMPLES = 3000;
const CONCURRENT_REGISTRATIONS = 32;
const BIG_IMPORT = 15000;

function emit(c: string, value: number, unit: string, baseline?: number): void {
  const line: Record<string, unknown> = { bench: 'interop', case: c, value: Math.round(value * 1000) / 1000, unit };
  if (baseline !== undefined) Object.assign(line, { baseline: Math.round(baseline * 1000) / 1000, ratio: Math.round((value / baseline) * 100) / 100 });
  console.log(JSON.stringify(line));
}

const meta = (tenantId: string): CommandMeta => {
  const id = newId();
  return { commandId: id, tenantId, correlationId: id };
};
const tenantOf = (t: number) => `tenant-${t}`;

/** Latency of `op` over SAMPLES sequential calls after WARMUP; ms. */
async function latencies(op: (i: number) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await op(i);
  const out: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    await op(i);
    out.push(performance.now() - started);
  }
  return out;
}

async function main(): Promise<void> {
  const nats = await testNats();
  const db = await testDatabase();
  const service = await createInteropService({ natsUrl: nats.url, databaseUrl: db.url, streamPrefix: nats.prefix, dbPoolSize: 8, queryPoolSize: 4 });
  const bus = new Bus(nats.nc);
  const s = service.settings.subjects;
  const noop = serveRequests(nats.nc, { subject: `${nats.prefix}.qry.bench.noop`, queue: 'bench', handle: async () => ({ ok: true }) });
  try {
    // 1. resources: per tenant 50 hosts over 20 hypervisor products and 50 guests over 50 guest-OS products
    const loadStarted = performance.now();
    const jobs: Array<() => Promise<RegisterInteropResourceResult>> = [];
    const resourcesByTenant: string[][] = Array.from({ length: TENANTS }, () => []);
    for (let t = 0; t < TENANTS; t++) {
      for (let h = 0; h < HOSTS_PER_TENANT; h++) {
        jobs.push(() => bus.request(s.registerResource, { kind: 'hypervisor', vendor: 'Bench', product: `Hyp${h % HOST_PRODUCTS}`, version: '2.1', siteId: 's1', externalId: `h${h}` }, meta(tenantOf(t))));
      }
      for (let g = 0; g < GUESTS_PER_TENANT; g++) {
        jobs.push(() => bus.request(s.registerResource, { kind: 'guest-os', vendor: 'Bench', product: `Guest${g % GUEST_PRODUCTS}`, version: '1.4.2', siteId: 's1', externalId: `g${g}` }, meta(tenantOf(t))));
      }
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENT_REGISTRATIONS }, async () => {
        while (next < jobs.length) {
          const i = next++;
          const r = await jobs[i]!();
          resourcesByTenant[Math.floor(i / (HOSTS_PER_TENANT + GUESTS_PER_TENANT))]!.push(r.resourceId);
        }
      }),
    );
    emit('register-resources', jobs.length / ((performance.now() - loadStarted) / 1000), 'resources/s');
    // 2. the matrix: every hypervisor product with every guest product (1,000 entries), one global import
    const rows = ['productA,versionsA,productB,versionsB,support,note'];
    for (let h = 0; h < HOST_PRODUCTS; h++) {
      for (let g = 0; g < GUEST_PRODUCTS; g++) {
        const support = (h + g) % 5 === 0 ? 'conditional' : (h + g) % 7 === 0 ? 'unsupported' : 'supported';
        rows.push(`Hyp${h},>=2.0 <3,Guest${g},1.x,${support},${support === 'conditional' ? 'paravirtual drivers' : ''}`);
      }
    }
    const importStarted = performance.now();
    await bus.request(s.importMatrix, { scope: 'global', format: 'csv', content: rows.join('\n'), importId: 'bench-matrix' }, meta('platform'));
    await service.importsSettled();
    const pool = new pg.Client({ connectionString: db.url });
    await pool.connect();
    let records = 0;
    for (const until = Date.now() + 300_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
      records = Number(((await pool.query('select count(*) as n from interop_records')).rows[0] as { n: string }).n);
      if (records >= TENANTS * HOSTS_PER_TENANT * GUESTS_PER_TENANT * 2) break;
    }
    await pool.end();
    emit('import-and-record', (performance.now() - importStarted) / 1000, 's');
    emit('records-loaded', records, 'records');
    if (records < 100_000) throw new Error(`only ${records} records were stored`);

    // 3. latencies, each against the no-op floor measured right before it
    const floor = await latencies(async () => {
      await bus.request(`${nats.prefix}.qry.bench.noop`, {}, meta('tenant-0'));
    });
    const check = await latencies(async (i) => {
      const v = await bus.request<InteropCheckView>(s.check, { a: `Hyp${i % HOST_PRODUCTS}@2.1`, b: `Guest${(i * 7) % GUEST_PRODUCTS}@1.4.2` }, meta(tenantOf(i % TENANTS)));
      if (v.support === 'unknown') throw new Error('the check found no entry');
    });
    const compatible = await latencies(async (i) => {
      const t = i % TENANTS;
      const ids = resourcesByTenant[t]!;
      const v = await bus.request<CompatibleResourcesView>(s.compatible, { resourceId: ids[(i * 13) % ids.length] }, meta(tenantOf(t)));
      if (v.records.length !== 50) throw new Error(`expected 50 records, got ${v.records.length}`);
    });
    emit('bus-noop-p50', percentile(floor, 50), 'ms');
    emit('bus-noop-p99', percentile(floor, 99), 'ms');
    emit('check-p50', percentile(check, 50), 'ms', percentile(floor, 50));
    emit('check-p99', percentile(check, 99), 'ms', percentile(floor, 99));
    emit('compatible-p50', percentile(compatible, 50), 'ms', percentile(floor, 50));
    emit('compatible-p99', percentile(compatible, 99), 'ms', percentile(floor, 99));

    // 4. a large file: validated whole, appended in chunks of 500, in effect when complete
    const big = ['productA,versionsA,productB,versionsB,support'];
    for (let i = 0; i < BIG_IMPORT; i++) big.push(`Fw${i},${i % 50}.x,Drv${i},>=1.${i % 9},supported`);
    const bigStarted = performance.now();
    await bus.request(s.importMatrix, { scope: 'global', format: 'csv', content: big.join('\n'), importId: 'bench-big' }, meta('platform'), { timeoutMs: 60000 });
    await service.importsSettled();
    for (;;) {
      const v = await bus.request<InteropCheckView>(s.check, { a: `Fw${BIG_IMPORT - 1}@${(BIG_IMPORT - 1) % 50}.1`, b: 'Drv' + (BIG_IMPORT - 1) + '@1.9' }, meta('platform'));
      if (v.support !== 'unknown') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    emit(`import-${BIG_IMPORT}-entries`, BIG_IMPORT / ((performance.now() - bigStarted) / 1000), 'entries/s');
  } finally {
    noop.unsubscribe();
    await service.close();
    await nats.cleanup();
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
