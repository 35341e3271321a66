// npm run bench -- vim-drivers
// Each driver against an in-process infra-sim site of 10,000 hosts, same process, same run:
// - inventory walk (hosts/s) through the driver, cold (first walk) and warm (median of 3), against a baseline of bare
//   authenticated page fetches of the same dialect list (no normalisation, no enrichment): the ratio is the driver's cost;
// - create+delete port round trip latency (p50/p99);
// - one host page (limit 100) with 20 % of the site's answers failing with 503: latency p50/p99 with the retries,
//   against the clean p50 as baseline.
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { createDriver, type Dialect, type VimDriver } from '#vorch/vim-drivers';
import { benchReporter, percentile } from './bench-report.js';

const HOSTS = 10000;
const PORT_ROUNDS = 200;
const PAGE_ROUNDS = 200;

const emit = benchReporter('vim-drivers');


async function timed(rounds: number, op: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await op();
    out.push(performance.now() - t0);
  }
  return out;
}

/** The baseline: the dialect's host list read page by page with plain fetch, answers parsed and dropped. */
async function rawWalk(dialect: Dialect, endpoint: string, credentials: Record<string, string>): Promise<number> {
  let headers: Record<string, string>;
  if (dialect === 'openstack') {
    const domain = { name: 'Default' };
    const res = await fetch(`${endpoint}/identity/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: credentials.username, domain, password: credentials.password } } }, scope: { project: { name: credentials.project, domain } } } }),
    });
    await res.text();
    headers = { 'x-auth-token': res.headers.get('x-subject-token')! };
  } else if (dialect === 'vsphere') {
    const res = await fetch(`${endpoint}/api/session`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` } });
    headers = { 'vmware-api-session-id': (await res.json()) as string };
  } else {
    headers = { authorization: `Bearer ${credentials.token}` };
  }
  let count = 0;
  let cursor: string | undefined;
  do {
    if (dialect === 'openstack') {
      const body = (await (await fetch(`${endpoint}/compute/v2.1/os-hypervisors/detail?limit=1000${cursor ? `&marker=${cursor}` : ''}`, { headers })).json()) as {
        hypervisors: Array<{ id: string }>;
        hypervisors_links?: unknown[];
      };
      count += body.hypervisors.length;
      cursor = body.hypervisors_links?.length ? body.hypervisors.at(-1)!.id : undefined;
    } else if (dialect === 'vsphere') {
      const res = await fetch(`${endpoint}/api/vcenter/host?page_size=1000${cursor ? `&page_token=${cursor}` : ''}`, { headers });
      count += ((await res.json()) as unknown[]).length;
      cursor = res.headers.get('vorch-next-page-token') ?? undefined;
    } else {
      const body = (await (await fetch(`${endpoint}/api/v1/nodes?limit=1000${cursor ? `&continue=${cursor}` : ''}`, { headers })).json()) as { items: unknown[]; metadata: { continue?: string } };
      count += body.items.length;
      cursor = body.metadata.continue || undefined;
    }
  } while (cursor);
  return count;
}

async function benchDialect(sim: InfraSim, siteName: string, dialect: Dialect, credentials: Record<string, string>): Promise<void> {
  const endpoint = sim.siteUrl(siteName);
  const driver: VimDriver = createDriver({ dialect, endpoint, credentials, retries: 6, retryBaseDelayMs: 5, retryMaxDelayMs: 50 });
  await driver.authenticate();

  // 1. inventory walk, driver against bare fetch, alternated so both see the same machine load. The first walk is
  //    cold (OpenStack reads every host's GPUs from Placement); later walks reuse what the driver caches.
  const walk = async () => {
    const t0 = performance.now();
    let n = 0;
    for await (const _ of driver.hosts()) n++;
    return n / ((performance.now() - t0) / 1000);
  };
  const rawWalkRate = async () => {
    const t0 = performance.now();
    const n = await rawWalk(dialect, endpoint, credentials);
    return n / ((performance.now() - t0) / 1000);
  };
  const cold = await walk();
  const coldRaw = await rawWalkRate();
  emit(`inventory-walk-cold-${dialect}`, cold, 'hosts/s', coldRaw);
  const driverRates: number[] = [];
  const rawRates: number[] = [];
  for (let round = 0; round < 3; round++) {
    driverRates.push(await walk());
    rawRates.push(await rawWalkRate());
  }
  emit(`inventory-walk-warm-${dialect}`, percentile(driverRates, 50), 'hosts/s', percentile(rawRates, 50));

  // 2. port round trip on one of the site's own networks
  const network = (await driver.listNetworks())[0]!;
  const portTimes = await timed(PORT_ROUNDS, async () => {
    const port = await driver.createPort({ networkId: network.externalId, name: 'bench' });
    await driver.deletePort(port.externalId);
  });
  emit(`create-delete-port-${dialect}-p50`, percentile(portTimes, 50), 'ms');
  emit(`create-delete-port-${dialect}-p99`, percentile(portTimes, 99), 'ms');

  // 3. a host page, clean and with 20 % of answers failing
  const clean = await timed(PAGE_ROUNDS, () => driver.listHosts({ limit: 100 }));
  sim.admin.setFaults(siteName, { errorRate: 0.2 });
  const faulty = await timed(PAGE_ROUNDS, () => driver.listHosts({ limit: 100 }));
  sim.admin.clearFaults(siteName);
  emit(`host-page-100-errors20-${dialect}-p50`, percentile(faulty, 50), 'ms', percentile(clean, 50));
  emit(`host-page-100-errors20-${dialect}-p99`, percentile(faulty, 99), 'ms', percentile(clean, 99));
}

async function main(): Promise<void> {
  const topology = generateTopology({ sites: 3, hostsPerSite: HOSTS });
  const sim = await startInfraSim({ topology, port: 0 });
  try {
    for (const site of topology.sites) {
      await benchDialect(sim, site.name, site.dialect as Dialect, { ...site.credentials } as Record<string, string>);
    }
  } finally {
    await sim.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
