import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DatagramCountersView, DomainMatrixView, TopTalkersView, VmBreakdownView } from '#vorch/contracts';
import { loadTopologyFile, SimulatedSwitchFabric, vimIdsOf, type InfraSim } from '#vorch/infra-sim';
import { eventually, repoRoot } from '#vorch/testing';
import type { Gateway } from '../../apps/gateway/src/gateway.js';
import { startStatsStack, type StatsStack } from '../support/stats-stack.js';

/** The tenants of deploy/local/sites.yaml: VMs without a `tenant` are `default`'s, like npm start's dev key. */
const KEYS = { default: 'k-demo-default-admin', acme: 'k-demo-acme-viewer' } as const;
const CLASSES = ['intra-server', 'inter-server-intra-domain', 'inter-domain', 'external'] as const;
const SITES = ['oslo-kv', 'paris-vs', 'tokyo-os'];

/**
 * What `npm start` promises a newcomer: the demo estate's VMs talk from the first seconds, and every traffic class
 * shows up in the statistics of both tenants on every site, through agent mode and IPFIX collector mode alike.
 */
describe('the demo estate (deploy/local/sites.yaml) shows live traffic statistics', () => {
  let stack: StatsStack;
  let sim: InfraSim;
  let gw: Gateway;
  let fabric: SimulatedSwitchFabric;

  const get = async <T>(tenant: keyof typeof KEYS, path: string): Promise<T> => {
    const res = await fetch(`${gw.httpUrl}${path}`, { headers: { authorization: `Bearer ${KEYS[tenant]}` } });
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  /** A demo VM's id as its site's VIM API gives it, which is how the switches report it. */
  const vmIdOf = (siteName: string, name: string) => {
    const site = sim.sites.get(siteName)!;
    return vimIdsOf(site)(site.model.vmsByKey.get(`default/${name}`)!);
  };

  before(async () => {
    stack = await startStatsStack({
      sim: { topology: loadTopologyFile(join(repoRoot(), 'deploy/local/sites.yaml')) },
      gateway: { keys: `${KEYS.default}=default:admin,${KEYS.acme}=acme:viewer` },
    });
    ({ sim } = stack);
    gw = stack.gateway!;
    // As apps/infra-sim starts it under npm start: agent mode, and one switch per site exporting IPFIX.
    fabric = await SimulatedSwitchFabric.start({
      nc: stack.nc, sites: sim.sites, intervalMs: 250, framesPerSecond: 20, ipfixCollector: { host: '127.0.0.1', port: stack.collector.core.collector.ports[0] },
    });
  });

  after(async () => {
    await fabric?.stop();
    await stack?.stop();
  });

  it('has switches with VMs on every site, one of each exporting IPFIX, without anyone creating a VM', () => {
    assert.deepEqual([...new Set(fabric.switches.map((s) => s.siteName))].sort(), SITES);
    assert.ok(fabric.switches.length >= 6, `${fabric.switches.length} switches`);
    assert.equal(fabric.exportingSwitches.length, 3);
  });

  it('every class has talkers of each tenant on every site', async () => {
    for (const tenant of ['default', 'acme'] as const) {
      for (const cls of CLASSES) {
        await eventually(async () => {
          const top = await get<TopTalkersView>(tenant, `/v1/stats/top-talkers?trafficClass=${cls}&limit=100`);
          assert.deepEqual([...new Set(top.items.filter((i) => i.bytes > 0).map((i) => i.domainId))].sort(), SITES, `${tenant}, ${cls}`);
        }, { timeoutMs: 20000, intervalMs: 250 });
      }
    }
  });

  it('a VM beside another on its host has counts in all four classes; a VM powered off has none', async () => {
    const web = vmIdOf('tokyo-os', 'tko-web-001');
    const v = await eventually(async () => {
      const b = await get<VmBreakdownView>('default', `/v1/stats/vms/${web}`);
      for (const cls of CLASSES) assert.ok(b.classes[cls].bytes > 0 && b.classes[cls].packets > 0, `tko-web-001: ${cls}`);
      return b;
    }, { timeoutMs: 20000, intervalMs: 250 });
    assert.ok(v.buckets.length > 0);
    const batch = await get<VmBreakdownView>('acme', `/v1/stats/vms/${vmIdOf('paris-vs', 'par-shop-batch')}`);
    for (const cls of CLASSES) assert.equal(batch.classes[cls].bytes, 0, `par-shop-batch is off: ${cls}`);
  });

  it('the domain matrix links every site to itself, to the two others and to the outside; the IPFIX path decoded records', async () => {
    await eventually(async () => {
      const m = await get<DomainMatrixView>('default', '/v1/stats/domain-matrix');
      const cells = new Set(m.cells.filter((c) => c.bytes > 0).map((c) => `${c.srcDomainId}>${c.dstDomainId}`));
      for (const src of SITES) for (const dst of [...SITES, 'external']) assert.ok(cells.has(`${src}>${dst}`), `${src} → ${dst}`);
    }, { timeoutMs: 20000, intervalMs: 250 });
    const counters = await get<DatagramCountersView>('default', '/v1/stats/datagrams');
    assert.equal(counters.malformed, 0);
    for (const cls of CLASSES) assert.ok(counters.recordsByClass[cls] > 0, `IPFIX records of ${cls}`);
  });
});
