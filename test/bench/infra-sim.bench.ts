// Inventory page latency of infra-sim holding 50,000 hosts (5 sites of 10,000), per dialect, over real HTTP.
// Baseline: the same pages from a 1,000-host site in the same process and run; ratio ≈ 1 means paging cost
// does not grow with the estate.
import { performance } from 'node:perf_hooks';
import { generateTopology, startInfraSim, type InfraSim } from '#vorch/infra-sim';
import { percentile } from './bench-report.js';

interface Line {
  bench: 'infra-sim';
  case: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

function print(line: Omit<Line, 'bench'>): void {
  console.log(JSON.stringify({ bench: 'infra-sim', ...line }));
}

interface PageBody {
  hypervisors_links?: { href: string }[];
  metadata?: { continue?: string };
}

async function timed(url: string, headers: Record<string, string>): Promise<{ ms: number; res: Response; body: PageBody }> {
  const started = performance.now();
  const res = await fetch(url, { headers });
  const body = (await res.json()) as PageBody;
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return { ms: performance.now() - started, res, body };
}

type Walker = (sim: InfraSim, site: string, pageSize: number) => Promise<number[]>;

const openstack: Walker = async (sim, site, pageSize) => {
  const endpoint = sim.siteUrl(site);
  const login = await fetch(`${endpoint}/identity/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: 'admin', password: `secret-${site}` } } } } }),
  });
  const headers = { 'x-auth-token': login.headers.get('x-subject-token') ?? '' };
  const samples: number[] = [];
  let url: string | undefined = `${endpoint}/compute/v2.1/os-hypervisors/detail?limit=${pageSize}`;
  while (url) {
    const { ms, body } = await timed(url, headers);
    samples.push(ms);
    url = body.hypervisors_links?.[0]?.href;
  }
  return samples;
};

const vsphere: Walker = async (sim, site, pageSize) => {
  const endpoint = sim.siteUrl(site);
  const login = await fetch(`${endpoint}/api/session`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`administrator@vsphere.local:secret-${site}`).toString('base64')}` } });
  const headers = { 'vmware-api-session-id': (await login.json()) as string };
  const samples: number[] = [];
  let token: string | null = null;
  do {
    const { ms, res } = await timed(`${endpoint}/api/vcenter/host?page_size=${pageSize}${token ? `&page_token=${token}` : ''}`, headers);
    samples.push(ms);
    token = res.headers.get('vorch-next-page-token');
  } while (token);
  return samples;
};

const kubevirt: Walker = async (sim, site, pageSize) => {
  const headers = { authorization: `Bearer token-${site}` };
  const samples: number[] = [];
  let cont: string | undefined;
  do {
    const { ms, body } = await timed(`${sim.siteUrl(site)}/api/v1/nodes?limit=${pageSize}${cont ? `&continue=${cont}` : ''}`, headers);
    samples.push(ms);
    cont = body.metadata?.continue;
  } while (cont);
  return samples;
};

async function main(): Promise<void> {
  const started = performance.now();
  const big = await startInfraSim({ topology: generateTopology({ sites: 5, hostsPerSite: 10_000 }) });
  print({ case: 'start-50000-hosts', value: Math.round(performance.now() - started), unit: 'ms' });
  global.gc?.();
  print({ case: 'heap-50000-hosts', value: Math.round(process.memoryUsage().heapUsed / 2 ** 20), unit: 'MiB' });
  const small = await startInfraSim({ topology: generateTopology({ sites: 3, hostsPerSite: 1_000 }) });
  const dialects: [string, Walker, string][] = [
    ['openstack', openstack, 'site-1'],
    ['vsphere', vsphere, 'site-2'],
    ['kubevirt', kubevirt, 'site-3'],
  ];
  try {
    for (const pageSize of [100, 1000]) {
      for (const [name, walk, site] of dialects) {
        await walk(big, site, pageSize); // warm-up: JIT and keep-alive connections
        const samples = [...(await walk(big, site, pageSize)), ...(await walk(big, site, pageSize))];
        await walk(small, site, pageSize);
        const baseline: number[] = [];
        // As many baseline pages as measured ones, so both percentiles rest on the same count.
        while (baseline.length < samples.length) baseline.push(...(await walk(small, site, pageSize)));
        for (const p of [50, 99]) {
          const value = percentile(samples, p);
          const base = percentile(baseline, p);
          print({ case: `${name}-hosts-page${pageSize}-p${p}`, value: round(value), unit: 'ms', baseline: round(base), ratio: round(value / base) });
        }
      }
    }
  } finally {
    await small.stop();
    await big.stop();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
