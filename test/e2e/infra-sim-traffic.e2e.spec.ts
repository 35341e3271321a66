import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DatagramCountersView, VmBreakdownView } from '#vorch/contracts';
import { generateTopology, SimulatedSwitchFabric, switchIdOf, vimIdsOf, type InfraSim, type SimSite } from '#vorch/infra-sim';
import { eventually } from '#vorch/testing';
import type { Gateway } from '../../apps/gateway/src/gateway.js';
import type { StatsCollectorCore } from '../../apps/stats-collector/src/stats-collector.core.js';
import { startStatsStack, type StatsStack } from '../support/stats-stack.js';

const VIEWER = 'k-sim-view-1';
const OPERATOR = 'k-sim-ops-1';

/**
 * A VM created in the simulator's model, as a VIM driver would: on a named host, one port on the site's first network.
 * Its id is the one the site's VIM API gives it, which is how the switches report it.
 */
function createVm(site: SimSite, name: string, hostIndex: number): string {
  const network = [...site.model.networks.values()][0];
  const host = site.model.hostList[hostIndex];
  return vimIdsOf(site)(site.compute.createVm({ name, vcpus: 1, memoryMb: 1024, hostId: host.id, nics: [{ name: 'eth0', networkId: network.id }], start: 'now' }));
}

describe('infra-sim switches → stats-collector → gateway', () => {
  let stack: StatsStack;
  let sim: InfraSim;
  let collector: { core: StatsCollectorCore };
  let gw: Gateway;
  let nc: NatsConnection;
  let fabric: SimulatedSwitchFabric | undefined;
  /** site-1: a and b share host 0, c is on host 1; site-2 (another domain): d on host 0. */
  const vms = { a: '', b: '', c: '', d: '' };

  const breakdown = async (vmId: string): Promise<VmBreakdownView> => {
    const res = await fetch(`${gw.httpUrl}/v1/stats/vms/${vmId}`, { headers: { authorization: `Bearer ${VIEWER}` } });
    assert.equal(res.status, 200);
    return (await res.json()) as VmBreakdownView;
  };
  const bytes = (v: VmBreakdownView) => Object.fromEntries(Object.entries(v.classes).map(([c, t]) => [c, t.bytes]));

  before(async () => {
    stack = await startStatsStack({
      sim: { topology: generateTopology({ sites: 2, hostsPerSite: 2 }) },
      gateway: { keys: `${VIEWER}=acme:viewer,${OPERATOR}=acme:operator` },
    });
    ({ sim, collector, nc } = stack);
    gw = stack.gateway!;
    const [s1, s2] = [sim.sites.get('site-1')!, sim.sites.get('site-2')!];
    vms.a = createVm(s1, 'a', 0);
    vms.b = createVm(s1, 'b', 0);
    vms.c = createVm(s1, 'c', 1);
    vms.d = createVm(s2, 'd', 0);
  });

  after(async () => {
    await fabric?.stop();
    await stack?.stop();
  });

  it('agent mode: every switch with VMs reports them and its classified traffic reaches GET /v1/stats/vms/{vmId}', async () => {
    fabric = await SimulatedSwitchFabric.start({ nc, sites: sim.sites, defaultTenant: 'acme', intervalMs: 250, framesPerSecond: 20 });
    const s1 = sim.sites.get('site-1')!.model;
    assert.deepEqual(fabric.switches.map((s) => s.switchId).sort(), [
      switchIdOf('site-1', s1.hostList[0].name), switchIdOf('site-1', s1.hostList[1].name), switchIdOf('site-2', sim.sites.get('site-2')!.model.hostList[0].name),
    ].sort());
    const a = await eventually(async () => {
      const v = await breakdown(vms.a);
      for (const cls of ['intra-server', 'inter-server-intra-domain', 'inter-domain', 'external'] as const) assert.ok(v.classes[cls].bytes > 0, `a: ${cls}`);
      return v;
    }, { timeoutMs: 20000 });
    assert.ok(a.classes['intra-server'].packets > 0 && a.classes['intra-server'].flows > 0);
    // d is alone in its domain: it talks across domains and outside, never within its own domain.
    const d = await eventually(async () => {
      const v = await breakdown(vms.d);
      assert.ok(v.classes['inter-domain'].bytes > 0 && v.classes.external.bytes > 0);
      return v;
    }, { timeoutMs: 20000 });
    assert.equal(bytes(d)['intra-server'], 0);
    assert.equal(bytes(d)['inter-server-intra-domain'], 0);
  });

  it('follows the simulator: a VM created later is reported and its traffic shows up', async () => {
    const s2 = sim.sites.get('site-2')!;
    const e = createVm(s2, 'e', 1);
    await eventually(async () => {
      const v = await breakdown(e);
      assert.ok(v.classes['inter-server-intra-domain'].bytes > 0, 'e talks to d on the other host of site-2');
    }, { timeoutMs: 20000 });
    const d = await breakdown(vms.d);
    assert.ok(d.classes['inter-server-intra-domain'].bytes > 0);
  });

  it('a VM migrated or deleted behind the manager\'s back is reported again by the switches involved', async () => {
    const site = sim.sites.get('site-1')!;
    const ipOf = (vmId: string) => site.model.ports.get(site.model.requireVm(vmId).nics[0].portId)!.ip;
    const [cIp, bIp] = [ipOf(vms.c), ipOf(vms.b)];
    const host0 = site.model.hostList[0];
    const watcher = fabric!.agent(switchIdOf('site-2', sim.sites.get('site-2')!.model.hostList[0].name))!;
    assert.equal(watcher.map.index.byAddress(cIp)?.hostId, site.model.hostList[1].id);
    sim.admin.patchVm('site-1', vms.c, { host: host0.name });
    sim.admin.deleteResource('site-1', 'vm', vms.b);
    await eventually(() => {
      assert.equal(watcher.map.index.byAddress(cIp)?.hostId, host0.id);
      assert.equal(watcher.map.index.byAddress(bIp), undefined);
    }, { timeoutMs: 30_000 });
    // host 1 has no VMs left: its switch is no longer among the fabric's, having reported an empty set
    assert.ok(!fabric!.switches.some((s) => s.switchId === switchIdOf('site-1', site.model.hostList[1].name)));
  });

  it('collector mode: one switch per site exports IPFIX to the collector and its records join the breakdown', async () => {
    await fabric!.stop();
    const before = (await breakdown(vms.a)).classes['intra-server'].bytes;
    fabric = await SimulatedSwitchFabric.start({
      nc, sites: sim.sites, defaultTenant: 'acme', intervalMs: 250, framesPerSecond: 20,
      ipfixCollector: { host: '127.0.0.1', port: collector.core.collector.ports[0] },
    });
    const s1 = sim.sites.get('site-1')!.model;
    assert.ok(fabric.exportingSwitches.includes(switchIdOf('site-1', s1.hostList[0].name)));
    assert.equal(fabric.exportingSwitches.length, 2);
    await eventually(async () => {
      const res = await fetch(`${gw.httpUrl}/v1/stats/datagrams`, { headers: { authorization: `Bearer ${OPERATOR}` } });
      assert.equal(res.status, 200);
      const c = (await res.json()) as DatagramCountersView;
      assert.ok(c.records > 0 && c.recordsByClass['intra-server'] > 0, 'the collector decoded the exported flows');
      assert.equal(c.malformed, 0);
    }, { timeoutMs: 20000 });
    assert.ok(fabric.recordsExported > 0);
    await eventually(async () => {
      const v = await breakdown(vms.a);
      assert.ok(v.classes['intra-server'].bytes > before, 'a sits behind the exporting switch of site-1');
    }, { timeoutMs: 20000 });
  });
});
