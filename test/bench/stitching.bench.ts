// npm run bench -- stitching
// Whole-service figures on a private NATS, a test database for the inventory and an in-process infra-sim with one
// site per dialect (openstack home, vsphere and kubevirt peers):
// - stitch-3-sites: from POST (the create command) until the network is active on all three sites, seconds (p50 of 5).
// - networks-stitched-per-s: 20 networks created at once, each across the three sites, until all are active.
import { NETWORK_SUBJECTS, type CommandMeta, type NetworkView } from '#vorch/contracts';
import { eventually } from '#vorch/testing';
import { startNetworkStack } from '../support/network-stack.js';
import { registerSites } from '../support/register-sites.js';
import { BENCH_STACK } from './bench-stack.js';

let commands = 0;
const meta = (): CommandMeta => ({ commandId: `bench-${Date.now()}-${++commands}`, tenantId: 'bench', correlationId: 'bench' });

function emit(c: string, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: 'stitching', case: c, value: Math.round(value * 1000) / 1000, unit, ...extra }));
}

async function main(): Promise<void> {
  const stack = await startNetworkStack({ ...BENCH_STACK, sites: 3, hostsPerSite: 4 });
  const { bus } = stack;
  try {
    const ids = Object.values(await registerSites(stack, ['site-1', 'site-2', 'site-3'], { domain: 'b', meta }));
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
    await stack.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
