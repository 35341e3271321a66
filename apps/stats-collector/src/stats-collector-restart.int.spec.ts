import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { statsSubjects, type CommandMeta, type VmBreakdownView } from '#vorch/contracts';
import { Bus } from '#vorch/messaging';
import { eventually, privateNats, testDatabase, type PrivateServer, type TestDatabase } from '#vorch/testing';
import { buildUdpFrame, VSwitchAgent } from '#vorch/vswitch-agent';
import { createStatsCollectorService } from './create-stats-collector-service.js';
import type { StatsCollectorConfig } from './stats-collector.config.js';

const subjects = statsSubjects();
const meta: CommandMeta = { commandId: 'q', tenantId: 'acme', correlationId: 'c' };
const a = { vmId: 'vm-a', ip: '10.9.0.1', mac: '02:00:00:00:09:01', hostId: 'h1', domainId: 'north', tenantId: 'acme' };
const b = { vmId: 'vm-b', ip: '10.9.0.2', mac: '02:00:00:00:09:02', hostId: 'h2', domainId: 'north', tenantId: 'acme' };

describe('stats-collector restart: what switches published while it was down is counted once it is back', () => {
  let nats: PrivateServer;
  let db: TestDatabase;
  let nc: NatsConnection;
  let config: StatsCollectorConfig;
  const agents: VSwitchAgent[] = [];

  before(async () => {
    nats = await privateNats();
    db = await testDatabase();
    nc = await connect({ servers: nats.url });
    config = { natsUrl: nats.url, databaseUrl: db.url, prefix: '', flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 200 };
  });

  after(async () => {
    for (const s of agents) s.stop();
    await nc?.close();
    await db?.drop();
    await nats?.destroy();
  });

  it('keeps reports and counters published while the collector is stopped, and counts each batch once', async () => {
    const first = await createStatsCollectorService(config);
    const sw1 = await VSwitchAgent.start({ nc, switchId: 'sw-1', domainId: 'north', subjects });
    agents.push(sw1);
    await sw1.reportVms([a]);
    await eventually(() => assert.equal(sw1.map.index.size, 1));
    await first.app.close();
    // 1. while the collector is down: a second switch reports, and traffic is counted and published
    const sw2 = await VSwitchAgent.start({ nc, switchId: 'sw-2', domainId: 'north', subjects });
    agents.push(sw2);
    await sw2.reportVms([b]);
    const frame = buildUdpFrame({ srcMac: a.mac, dstMac: b.mac, srcIp: a.ip, dstIp: b.ip, srcPort: 1, dstPort: 2, length: 300 });
    sw1.forwardFrame(frame); // b is not in sw1's map yet: external for now
    assert.equal(await sw1.flush(), true);
    // 2. back up: the report is folded and distributed, the batch relayed and projected
    const second = await createStatsCollectorService(config);
    try {
      await eventually(() => assert.equal(sw1.map.index.byAddress(b.ip)?.vmId, 'vm-b'), { timeoutMs: 15000 });
      assert.equal(sw1.forwardFrame(frame), 'inter-server-intra-domain');
      assert.equal(await sw1.flush(), true);
      const bus = new Bus(nc);
      const view = await eventually(async () => {
        const v = await bus.request<VmBreakdownView>(subjects.vmBreakdown, { vmId: 'vm-a' }, meta);
        assert.equal(v.classes['inter-server-intra-domain'].bytes, 300);
        return v;
      }, { timeoutMs: 15000 });
      assert.equal(view.classes.external.bytes, 300, 'the batch from the outage counted exactly once');
    } finally {
      await second.app.close();
    }
  });
});
