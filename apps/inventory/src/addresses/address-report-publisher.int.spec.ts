import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { inventoryPartSourceId, inventorySourceId, statsSubjects, type StatsSubjects } from '#vorch/contracts';
import { testNats, type TestNats } from '#vorch/testing';
import type { SiteCommands } from '../commands/site-commands.js';
import type { InventoryQueries } from '../queries/inventory-queries.js';
import { AddressReportPublisher } from './address-report-publisher.js';
import { partOfVm } from './site-address-report-parts.js';
import type { VmRecord } from './site-address-report.js';

interface Published {
  msgId: string;
  bytes: number;
  body: { domainId: string; version: number; entries: Array<{ vmId: string; hostId: string }>; part?: { index: number; count: number } };
}

/** VM n of the site, one port with one IP. */
const vm = (n: number, hostId = 'h1'): VmRecord => ({
  externalId: `vm-${String(n).padStart(6, '0')}`,
  attributes: { hostId, ports: [{ mac: `02:00:00:00:${(n >> 8 & 255).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`, ips: [`10.${n >> 16}.${n >> 8 & 255}.${n & 255}`] }] },
});

/**
 * The publisher against a real JetStream stream. The site aggregate and the read model are what the publisher is
 * handed (a version and the site's VMs); what is under test is what reaches the bus: parts, order, message ids,
 * and what is not re-sent.
 */
describe('AddressReportPublisher: a site too big for one message is published in parts (real NATS JetStream)', () => {
  let nats: TestNats;
  let subjects: StatsSubjects;
  let jsm: JetStreamManager;
  let publisher: AddressReportPublisher;
  const site = { version: 1, vms: [] as VmRecord[] };
  let read = 0;

  /** The messages published since the last call, in stream order. */
  const published = async (): Promise<Published[]> => {
    const last = (await jsm.streams.info(subjects.inputStream)).state.last_seq;
    const out: Published[] = [];
    for (; read < last; read++) {
      const m = await jsm.streams.getMessage(subjects.inputStream, { seq: read + 1 });
      out.push({ msgId: m!.header!.get('Nats-Msg-Id'), bytes: m!.data.length, body: m!.json() });
    }
    return out;
  };
  const publishAt = async (version: number, vms: VmRecord[]) => {
    Object.assign(site, { version, vms });
    await publisher.publish('s1');
    return published();
  };

  before(async () => {
    nats = await testNats();
    subjects = statsSubjects(nats.prefix);
    jsm = await jetstreamManager(nats.nc);
    await jsm.streams.add({ name: subjects.inputStream, subjects: [subjects.allInventoryAddresses] });
    const commands = { load: async () => ({ state: { status: 'registered', domain: 'dc1', tenantId: 't1' }, version: site.version, seq: 0 }) };
    const queries = { siteVms: async () => site.vms, siteIds: async () => ['s1'] };
    publisher = new AddressReportPublisher(nats.nc, subjects, commands as unknown as SiteCommands, queries as unknown as InventoryQueries, async () => {});
  });

  after(async () => {
    publisher?.stop();
    await nats?.cleanup();
  });

  it('sends a small site as one report without parts, and an unchanged site not again', async () => {
    const [only, ...rest] = await publishAt(1, [vm(1), vm(2)]);
    assert.deepEqual(rest, []);
    assert.equal(only!.msgId, `${inventorySourceId('s1')}:1`);
    assert.equal(only!.body.part, undefined);
    assert.equal(only!.body.entries.length, 2);
    assert.deepEqual(await publishAt(2, [vm(1), vm(2)]), []);
  });

  it('splits 12,000 VMs into parts in index order, each below 1 MB, and then re-sends only the part that changed', async () => {
    const vms = Array.from({ length: 12_000 }, (_, n) => vm(n));
    const parts = await publishAt(3, vms);
    const count = parts.length;
    assert.ok(count >= 8, `${count} parts`);
    assert.deepEqual(parts.map((p) => p.body.part), parts.map((_, index) => ({ index, count })));
    assert.deepEqual(parts.map((p) => p.msgId), parts.map((_, i) => `${inventoryPartSourceId(inventorySourceId('s1'), i, count)}:3`));
    for (const p of parts) {
      assert.ok(p.bytes < 1024 * 1024 / 2, `${p.bytes} bytes`);
      for (const e of p.body.entries) assert.equal(partOfVm(e.vmId, count), p.body.part!.index);
    }
    assert.equal(parts.reduce((n, p) => n + p.body.entries.length, 0), 12_000);
    // one VM moves host: its part alone is sent, at the new version
    const moved = vms.map((v, n) => (n === 42 ? vm(42, 'h2') : v));
    const again = await publishAt(4, moved);
    assert.deepEqual(again.map((p) => p.body.part), [{ index: partOfVm(vm(42).externalId, count), count }]);
    assert.equal(again[0]!.body.version, 4);
    assert.equal(again[0]!.body.entries.find((e) => e.vmId === vm(42).externalId)?.hostId, 'h2');
  });

  it('sends every part of a new count, the last one included, when the site shrinks', async () => {
    // 1,500 VMs would fit one part, but not at half the limits: 2 parts, both sent, in order
    const parts = await publishAt(5, Array.from({ length: 1500 }, (_, n) => vm(n)));
    assert.deepEqual(parts.map((p) => p.body.part), [{ index: 0, count: 2 }, { index: 1, count: 2 }]);
    assert.deepEqual(parts.map((p) => p.msgId), ['inventory-s1#0/2:5', 'inventory-s1#1/2:5']);
    // 400 VMs: back to one report, sent whole under the site's own id
    const whole = await publishAt(6, Array.from({ length: 400 }, (_, n) => vm(n)));
    assert.deepEqual(whole.map((p) => [p.msgId, p.body.part, p.body.entries.length]), [[`${inventorySourceId('s1')}:6`, undefined, 400]]);
  });
});
