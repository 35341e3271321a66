import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplicationContext } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { statsSubjects, type DatagramCountersView, type DomainMatrixView, type TenantTrafficView, type VmBreakdownView } from '#vorch/contracts';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { buildUdpFrame, IpfixExporter, VSwitchAgent, type ExportedFlow } from '#vorch/vswitch-agent';
import { createGateway, type Gateway } from '../../apps/gateway/src/gateway.js';
import { StatsFeatureModule } from '../../apps/gateway/src/stats/stats.feature.module.js';
import { createStatsCollectorService } from '../../apps/stats-collector/src/create-stats-collector-service.js';
import type { StatsCollectorCore } from '../../apps/stats-collector/src/stats-collector.core.js';

const subjects = statsSubjects();
const keys = { admin: 'k-admin-1', viewer: 'k-view-1', globex: 'k-globex-1' };
const keySpec = `${keys.admin}=acme:admin,${keys.viewer}=acme:viewer,${keys.globex}=globex:viewer`;

/** Two domains: east has hosts h1 and h2, west has h3; one switch per host. */
const vm = (n: number, hostId: string, domainId: string) => ({
  vmId: `web-${n}`, ip: `172.16.${n}.10`, mac: `0a:00:00:00:00:${n.toString(16).padStart(2, '0')}`, hostId, domainId, tenantId: 'acme',
});
const VMS = { a: vm(1, 'h1', 'east'), b: vm(2, 'h1', 'east'), c: vm(3, 'h2', 'east'), d: vm(4, 'h3', 'west') };
const OUTSIDE = { ip: '192.0.2.200', mac: '0a:ff:00:00:00:01' };

describe('stats end to end: switches → collector → statistics → gateway', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let collector: { app: INestApplicationContext; core: StatsCollectorCore };
  let gw: Gateway;
  let nc: NatsConnection;
  const switches = new Map<string, VSwitchAgent>();

  const get = async <T>(path: string, key?: string, status = 200): Promise<T> => {
    const res = await fetch(`${gw.httpUrl}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
    assert.equal(res.status, status, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const bytesByClass = (v: VmBreakdownView) => Object.fromEntries(Object.entries(v.classes).map(([c, t]) => [c, t.bytes]));

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    collector = await createStatsCollectorService({
      natsUrl: nats.url, databaseUrl: db.url, prefix: '', flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 250,
    });
    gw = await createGateway({ httpPort: 0, grpcPort: 0, host: '127.0.0.1', apiKeys: keySpec, natsUrl: nats.url, features: [StatsFeatureModule] });
    nc = await connect({ servers: nats.url });
    for (const [id, domainId] of [['sw-h1', 'east'], ['sw-h2', 'east'], ['sw-h3', 'west']] as const) {
      switches.set(id, await VSwitchAgent.start({ nc, switchId: id, domainId, subjects }));
    }
    await switches.get('sw-h1')!.reportVms([VMS.a, VMS.b]);
    await switches.get('sw-h2')!.reportVms([VMS.c]);
    await switches.get('sw-h3')!.reportVms([VMS.d]);
    await eventually(() => {
      for (const s of switches.values()) assert.equal(s.map.index.size, 4);
      assert.equal(collector.core.collector.mapRevision, switches.get('sw-h1')!.map.revision);
    });
  });

  after(async () => {
    for (const s of switches.values()) s.stop();
    await nc?.close();
    await gw?.close();
    await collector?.app.close();
    await db?.drop();
    await nats?.destroy();
  });

  it('agent mode: frames classified on the switches show up per class in GET /v1/stats/vms/{vmId}', async () => {
    const send = (sw: string, from: typeof VMS.a, to: { ip: string; mac: string }, length: number, n = 1) => {
      for (let i = 0; i < n; i++) switches.get(sw)!.forwardFrame(buildUdpFrame({ srcMac: from.mac, dstMac: to.mac, srcIp: from.ip, dstIp: to.ip, srcPort: 3000, dstPort: 80, length }));
    };
    send('sw-h1', VMS.a, VMS.b, 100, 10); // intra-server
    send('sw-h1', VMS.a, VMS.c, 200, 5); // inter-server-intra-domain
    send('sw-h2', VMS.c, VMS.a, 200, 5); // the reverse direction, seen on h2
    send('sw-h1', VMS.a, VMS.d, 1000, 2); // inter-domain
    send('sw-h1', VMS.a, OUTSIDE, 50, 4); // external: unknown address, counted not dropped
    for (const s of switches.values()) await s.flush();
    const v = await eventually(async () => {
      const r = await get<VmBreakdownView>(`/v1/stats/vms/${VMS.a.vmId}`, keys.viewer);
      assert.equal(r.classes.external.bytes, 200);
      assert.equal(r.classes['inter-server-intra-domain'].bytes, 2000);
      return r;
    }, { timeoutMs: 15000 });
    assert.deepEqual(bytesByClass(v), { 'intra-server': 1000, 'inter-server-intra-domain': 2000, 'inter-domain': 2000, external: 200 });
    assert.equal(v.classes['intra-server'].packets, 10);
    assert.equal(v.classes['intra-server'].flows, 1);
    // authentication and tenant isolation
    await get(`/v1/stats/vms/${VMS.a.vmId}`, undefined, 401);
    const other = await get<VmBreakdownView>(`/v1/stats/vms/${VMS.a.vmId}`, keys.globex);
    assert.equal(other.buckets.length, 0);
  });

  it('collector mode: an IPFIX exporter sends to the UDP port and its records join the same VM breakdown', async () => {
    const exporter = new IpfixExporter({ host: '127.0.0.1', port: collector.core.collector.ports[0], observationDomainId: 42 });
    const flow = (src: { ip: string; mac: string }, dst: { ip: string; mac: string }, bytes: number): ExportedFlow =>
      ({ srcMac: src.mac, dstMac: dst.mac, srcIp: src.ip, dstIp: dst.ip, protocol: 17, srcPort: 53, dstPort: 5353, bytes, packets: 1 });
    const flows = [
      ...Array.from({ length: 40 }, () => flow(VMS.d, VMS.a, 10)), // inter-domain, 40 flows over two datagrams
      flow(VMS.d, OUTSIDE, 7000), // external
    ];
    await exporter.export(flows);
    exporter.close();
    await eventually(async () => {
      const c = await get<DatagramCountersView>('/v1/stats/datagrams', keys.admin);
      assert.equal(c.records, 41);
      assert.equal(c.malformed, 0);
      assert.equal(c.dropped, 0);
    });
    const d = await eventually(async () => {
      const r = await get<VmBreakdownView>(`/v1/stats/vms/${VMS.d.vmId}`, keys.viewer);
      assert.equal(r.classes.external.bytes, 7000);
      return r;
    }, { timeoutMs: 15000 });
    assert.equal(d.classes['inter-domain'].bytes, 2000 + 400);
    assert.equal(d.classes['inter-domain'].flows, 1 + 40);
    const a = await get<VmBreakdownView>(`/v1/stats/vms/${VMS.a.vmId}`, keys.viewer);
    assert.equal(a.classes['inter-domain'].bytes, 2000 + 400);
  });

  it('the domain matrix is for admins and shows east ⇄ west and external traffic', async () => {
    await get('/v1/stats/domain-matrix', keys.viewer, 403);
    const m = await get<DomainMatrixView>('/v1/stats/domain-matrix', keys.admin);
    const cell = (s: string, d: string) => m.cells.find((c) => c.srcDomainId === s && c.dstDomainId === d)?.bytes ?? 0;
    assert.equal(cell('east', 'west'), 2000);
    assert.equal(cell('west', 'east'), 400);
    assert.equal(cell('east', 'external'), 200);
    assert.equal(cell('west', 'external'), 7000);
    assert.equal(cell('east', 'east'), 1000 + 1000 + 1000);
  });

  it('top talkers lists the tenant\'s busiest VMs, and rejects a bad query naming the field', async () => {
    const t = await get<{ items: { vmId: string }[] }>('/v1/stats/top-talkers?limit=2', keys.viewer);
    assert.deepEqual(t.items.map((i) => i.vmId), [VMS.d.vmId, VMS.a.vmId]);
    const p = await get<{ errors: { field: string }[] }>('/v1/stats/top-talkers?limit=0', keys.viewer, 400);
    assert.ok(p.errors.some((e) => e.field === 'limit'));
  });

  it("the tenant view sums the caller's VMs per class and per domain; another tenant sees none of it", async () => {
    const t = await get<TenantTrafficView>('/v1/stats/tenant', keys.viewer);
    assert.equal(t.tenantId, 'acme');
    const perVm = await Promise.all(Object.values(VMS).map((v) => get<VmBreakdownView>(`/v1/stats/vms/${v.vmId}`, keys.viewer)));
    for (const [c, totals] of Object.entries(t.classes)) {
      assert.equal(totals.bytes, perVm.reduce((acc, v) => acc + v.classes[c as keyof typeof v.classes].bytes, 0), c);
    }
    assert.deepEqual(new Set(t.domains.map((d) => d.domainId)), new Set(['east', 'west']));
    const globex = await get<TenantTrafficView>('/v1/stats/tenant', keys.globex);
    assert.equal(globex.vms, 0);
    assert.ok(Object.values(globex.classes).every((x) => x.bytes === 0));
    const bad = await get<{ errors: { field: string }[] }>('/v1/stats/tenant?to=soon', keys.viewer, 400);
    assert.ok(bad.errors.some((e) => e.field === 'to'));
  });
});
