import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import pg from 'pg';
import {
  STATS_TRAFFIC_CLASSES,
  statsSubjects,
  ValidationError,
  type CommandMeta,
  type DatagramCountersView,
  type DomainMatrixView,
  type TenantTrafficView,
  type TopTalkersView,
  type VmBreakdownView,
} from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { buildUdpFrame, IpfixExporter, VSwitchAgent } from '#vorch/vswitch-agent';
import { createStatsCollectorService } from './create-stats-collector-service.js';
import type { StatsCollectorCore } from './stats-collector.core.js';

const subjects = statsSubjects();
const meta = (tenantId = 'acme'): CommandMeta => ({ commandId: `q-${Math.random()}`, tenantId, correlationId: 'c' });
const vm = (n: number, hostId: string, domainId: string, tenantId = 'acme') => ({
  vmId: `vm-${n}`, ip: `10.${domainId === 'east' ? 1 : 2}.0.${n}`, mac: `02:00:00:00:00:${n.toString(16).padStart(2, '0')}`, hostId, domainId, tenantId,
});

describe('stats-collector: address distribution, agent and collector modes into one statistics model', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let app: INestApplicationContext;
  let core: StatsCollectorCore;
  let nc: NatsConnection;
  let bus: Bus;
  const agents: VSwitchAgent[] = [];
  // east: h1 {1,2}, h2 {3}; west: h3 {4}
  const vms = [vm(1, 'h1', 'east'), vm(2, 'h1', 'east'), vm(3, 'h2', 'east'), vm(4, 'h3', 'west')];

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    ({ app, core } = await createStatsCollectorService({
      natsUrl: nats.url, databaseUrl: db.url, prefix: '', flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 200,
    }));
    nc = await connect({ servers: nats.url });
    bus = new Bus(nc);
  });

  after(async () => {
    for (const a of agents) a.stop();
    await app?.close();
    await nc?.close();
    await db?.drop();
    await nats?.destroy();
  });

  const breakdown = (vmId: string, tenant = 'acme') => bus.request<VmBreakdownView>(subjects.vmBreakdown, { vmId }, meta(tenant));

  it('distributes the switches\' reports so every switch and the collector converge on one map; a late switch catches up', async () => {
    const sw1 = await VSwitchAgent.start({ nc, switchId: 'sw-h1', domainId: 'east', subjects });
    const sw2 = await VSwitchAgent.start({ nc, switchId: 'sw-h2', domainId: 'east', subjects });
    const sw3 = await VSwitchAgent.start({ nc, switchId: 'sw-h3', domainId: 'west', subjects });
    agents.push(sw1, sw2, sw3);
    await sw1.reportVms(vms.slice(0, 2));
    await sw2.reportVms([vms[2]]);
    await sw3.reportVms([vms[3]]);
    await eventually(() => {
      for (const a of agents) assert.equal(a.map.index.size, 4, `${a.switchId} has ${a.map.index.size} entries`);
      assert.equal(new Set(agents.map((a) => a.map.revision)).size, 1, 'same revision everywhere');
      assert.equal(core.collector.mapRevision, sw1.map.revision);
    });
    const late = await VSwitchAgent.start({ nc, switchId: 'sw-late', domainId: 'west', subjects });
    agents.push(late);
    await late.map.waitForRevision(sw1.map.revision);
    assert.equal(late.map.index.byAddress('10.1.0.3')?.hostId, 'h2');
  });

  it('replaces a switch\'s VMs as a whole: a VM that left disappears, and an older report cannot bring it back', async () => {
    const sw2 = agents[1];
    const vm5 = vm(5, 'h2', 'east');
    await sw2.reportVms([vms[2], vm5]);
    await eventually(() => assert.equal(agents[0].map.index.byAddress(vm5.ip)?.vmId, 'vm-5'));
    await sw2.reportVms([vms[2]]);
    await eventually(() => assert.equal(agents[0].map.index.byAddress(vm5.ip), undefined));
    // a stale report (lower version) published by hand is ignored
    await jetstream(nc).publish(subjects.addresses('sw-h2'), JSON.stringify({ domainId: 'east', version: 1, entries: [vm5] }));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(agents[0].map.index.byAddress(vm5.ip), undefined);
  });

  it('agent mode: switches classify frames and the VM breakdown shows each class', async () => {
    const [sw1, , sw3] = agents;
    const frame = (a: (typeof vms)[number], b: { ip: string; mac: string }, length: number) =>
      buildUdpFrame({ srcMac: a.mac, dstMac: b.mac, srcIp: a.ip, dstIp: b.ip, srcPort: 1000, dstPort: 2000, length });
    assert.equal(sw1.forwardFrame(frame(vms[0], vms[1], 100)), 'intra-server');
    assert.equal(sw1.forwardFrame(frame(vms[0], vms[2], 200)), 'inter-server-intra-domain');
    assert.equal(sw1.forwardFrame(frame(vms[0], vms[3], 300)), 'inter-domain');
    assert.equal(sw1.forwardFrame(frame(vms[0], { ip: '203.0.113.9', mac: '02:99:00:00:00:01' }, 400)), 'external');
    assert.equal(sw3.forwardFrame(frame(vms[3], vms[0], 500)), 'inter-domain');
    assert.equal(await sw1.flush(), true);
    assert.equal(await sw3.flush(), true);
    const view = await eventually(async () => {
      const v = await breakdown('vm-1');
      assert.equal(v.classes['inter-domain'].bytes, 800);
      return v;
    });
    assert.deepEqual(v2(view), { 'intra-server': 100, 'inter-server-intra-domain': 200, 'inter-domain': 800, external: 400 });
    assert.equal(view.classes['inter-domain'].flows, 2);
    assert.ok(view.buckets.length >= 4);
    // another tenant sees nothing of acme's VM
    assert.equal((await breakdown('vm-1', 'globex')).buckets.length, 0);
  });

  it('collector mode: IPFIX from an exporter is decoded, classified with the same map, unknown ends counted as external', async () => {
    const before = await bus.request<DatagramCountersView>(subjects.datagramCounters, {}, meta());
    const exporter = new IpfixExporter({ host: '127.0.0.1', port: core.collector.ports[0] });
    const f = (src: (typeof vms)[number], dst: { ip: string; mac: string }, bytes: number) =>
      ({ srcMac: src.mac, dstMac: dst.mac, srcIp: src.ip, dstIp: dst.ip, protocol: 6, srcPort: 5, dstPort: 6, bytes, packets: 2 });
    await exporter.export([
      f(vms[1], vms[0], 1000), // intra-server for vm-2 (and vm-1)
      f(vms[1], vms[2], 2000),
      f(vms[1], vms[3], 3000),
      f(vms[1], { ip: '198.51.100.1', mac: '02:aa:00:00:00:01' }, 4000),
      f({ ...vms[1], ip: '198.51.100.2', mac: '02:aa:00:00:00:02' } , { ip: '198.51.100.3', mac: '02:aa:00:00:00:03' }, 5000),
    ]);
    exporter.close();
    // a malformed datagram is counted, logged, and changes nothing else
    const bad = createSocket('udp4');
    await new Promise<void>((r) => bad.send(Buffer.from([0, 10, 0, 99, 1, 2, 3]), core.collector.ports[1], '127.0.0.1', () => r()));
    bad.close();
    const counters = await eventually(async () => {
      const c = await bus.request<DatagramCountersView>(subjects.datagramCounters, {}, meta());
      assert.equal(c.received - before.received, 2);
      return c;
    });
    assert.equal(counters.malformed - before.malformed, 1);
    assert.equal(counters.decoded - before.decoded, 1);
    assert.equal(counters.recordsByClass.external - before.recordsByClass.external, 2);
    await core.collector.flush();
    await core.waitForCountersProjected();
    const view = await breakdown('vm-2');
    // vm-2 also received vm-1's 100-byte agent-mode frame above: both modes feed one model
    assert.deepEqual(v2(view), { 'intra-server': 1100, 'inter-server-intra-domain': 2000, 'inter-domain': 3000, external: 4000 });
    const talkers = await bus.request<TopTalkersView>(subjects.topTalkers, { limit: 2 }, meta());
    assert.deepEqual(talkers.items.map((t) => [t.vmId, t.bytes]), [['vm-2', 10100], ['vm-4', 3800]]);
    const matrix = await bus.request<DomainMatrixView>(subjects.domainMatrix, {}, meta());
    const cell = (s: string, d: string) => matrix.cells.find((c) => c.srcDomainId === s && c.dstDomainId === d)?.bytes;
    assert.equal(cell('east', 'west'), 300 + 3000);
    assert.equal(cell('west', 'east'), 500);
    assert.equal(cell('external', 'external'), 5000);
    // the unattributed flow went nowhere near a VM but is in the model
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const u = await client.query(`select sum(bytes)::float8 as b from stats_unattributed_traffic where resolution = '1h'`);
    await client.end();
    assert.equal(u.rows[0].b, 5000);
  });

  it("sums a tenant's VMs per class, per domain and per bucket, keeps tenants apart, and names a bad field", async () => {
    const tenant = await bus.request<TenantTrafficView>(subjects.tenantTraffic, {}, meta());
    const perVm = await Promise.all(vms.map((v) => breakdown(v.vmId)));
    for (const c of STATS_TRAFFIC_CLASSES) {
      assert.equal(tenant.classes[c].bytes, perVm.reduce((acc, v) => acc + v.classes[c].bytes, 0), `${c}: the sum of the VMs`);
      assert.equal(tenant.domains.reduce((acc, d) => acc + d.classes[c].bytes, 0), tenant.classes[c].bytes, `${c}: the sum of the domains`);
      assert.equal(tenant.buckets.filter((b) => b.trafficClass === c).reduce((acc, b) => acc + b.bytes, 0), tenant.classes[c].bytes, `${c}: the sum of the buckets`);
    }
    // vm-1 ⇄ vm-2 on h1: 100 bytes in agent mode and 1,000 in collector mode, each counted for both VMs
    assert.equal(tenant.classes['intra-server'].bytes, 2200);
    assert.equal(tenant.vms, 4);
    assert.deepEqual(tenant.domains.map((d) => d.domainId), ['east', 'west'], 'largest first');
    assert.equal(tenant.domains[0].bytes, perVm.slice(0, 3).reduce((acc, v) => acc + Object.values(v.classes).reduce((a, t) => a + t.bytes, 0), 0));

    const other = await bus.request<TenantTrafficView>(subjects.tenantTraffic, {}, meta('globex'));
    assert.equal(other.vms, 0);
    assert.deepEqual(other.domains, []);
    assert.ok(STATS_TRAFFIC_CLASSES.every((c) => other.classes[c].bytes === 0));
    await assert.rejects(
      bus.request(subjects.tenantTraffic, { from: 'yesterday', resolution: '5m' }, meta()),
      (err: unknown) => err instanceof ValidationError && ['from', 'resolution'].every((f) => err.errors!.some((e) => e.field === f)),
    );
  });

  it('rolls every bucket up: the 1 min and 1 h totals equal the 10 s ones', async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const r = await client.query(`select resolution, sum(bytes)::float8 as b from stats_vm_traffic group by resolution order by resolution`);
    await client.end();
    const totals = Object.fromEntries(r.rows.map((row) => [row.resolution, row.b]));
    assert.ok(totals['10s'] > 0);
    assert.equal(totals['1m'], totals['10s']);
    assert.equal(totals['1h'], totals['10s']);
  });
});

function v2(view: VmBreakdownView) {
  return Object.fromEntries(Object.entries(view.classes).map(([k, t]) => [k, t.bytes]));
}
