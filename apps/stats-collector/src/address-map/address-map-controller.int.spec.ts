import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm, KvWatchInclude, type KV } from '@nats-io/kv';
import { addressMapKey, addressMapShardKeys, statsSubjects, type StatsSubjects } from '#vorch/contracts';
import { vmIdHash, type AddressEntry } from '#vorch/stats-domain';
import { eventually, testNats, type TestNats } from '#vorch/testing';
import { AddressMapFollower, openAddressMapBucket, type DomainAddressesValue } from '#vorch/vswitch-agent';
import { ensureStream } from '../jetstream-setup.js';
import { AddressMapController } from './address-map-controller.js';
import { MAX_SHARD_BYTES, shardOfVm } from './address-map-shards.js';

/** VM n of a domain: addresses unique per (domain number, n). */
const vm = (domain: number, n: number, domainId: string, hostId = `h${n % 50}`): AddressEntry => ({
  vmId: `vm-${domain}-${n}`, hostId, domainId, tenantId: 't1',
  ip: `10.${domain}.${n >> 8}.${n & 255}`,
  mac: `02:00:${domain.toString(16).padStart(2, '0')}:00:${(n >> 8).toString(16).padStart(2, '0')}:${(n & 255).toString(16).padStart(2, '0')}`,
});

describe('address map controller: a domain distributed as shards (real NATS JetStream and KV)', () => {
  let nats: TestNats;
  let subjects: StatsSubjects;
  let kv: KV;
  let controller: AddressMapController;
  /** The controller's own connection, as a process of its own would have: a restart closes it. */
  let controllerNc: NatsConnection;
  const startController = async () => {
    controllerNc = await connect({ servers: nats.url });
    controller = await AddressMapController.start(controllerNc, subjects);
  };
  const followers: AddressMapFollower[] = [];

  const report = (switchId: string, domainId: string, version: number, entries: AddressEntry[]) =>
    jetstream(nats.nc).publish(subjects.addresses(switchId), JSON.stringify({ domainId, version, entries }));
  /** Every shard key of the domain with its revision and value. */
  const shardsOf = async (domainId: string) => {
    const held = new Map<string, { revision: number; value: DomainAddressesValue; bytes: number }>();
    for await (const key of await kv.keys(addressMapShardKeys(domainId))) {
      const e = (await kv.get(key))!;
      held.set(key, { revision: e.revision, value: e.json<DomainAddressesValue>(), bytes: e.value.length });
    }
    return held;
  };
  const lastRevision = async () => (await kv.status()).streamInfo.state.last_seq;
  const follow = async () => {
    const f = await AddressMapFollower.start(nats.nc, subjects.addressMapBucket);
    followers.push(f);
    await f.waitForRevision(await lastRevision());
    return f;
  };

  before(async () => {
    nats = await testNats();
    subjects = statsSubjects(nats.prefix);
    await ensureStream(await jetstreamManager(nats.nc), { name: subjects.inputStream, subjects: [...subjects.inputStreamSubjects] });
    kv = await openAddressMapBucket(nats.nc, subjects.addressMapBucket);
    await startController();
  });

  after(async () => {
    for (const f of followers) f.stop();
    await controller?.stop();
    await controllerNc?.close();
    // statsSubjects names buckets in upper case, which the test helper's clean-up does not match
    const jsm = await jetstreamManager(nats.nc);
    for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`KV_${nats.prefix.toUpperCase()}`)) await jsm.streams.delete(s.config.name);
    await nats?.cleanup();
  });

  it('writes a domain as shards by VM id, and a change re-puts only the shard it touched, also after a restart', async () => {
    // 1. 1,000 VMs (~110 KB) from ten switches
    const entries = Array.from({ length: 1000 }, (_, n) => vm(1, n, 'dc1'));
    for (let s = 0; s < 10; s++) await report(`sw-${s}`, 'dc1', 1, entries.slice(s * 100, s * 100 + 100));
    const shards = await eventually(async () => {
      const held = await shardsOf('dc1');
      assert.equal([...held.values()].reduce((n, s) => n + s.value.entries.length, 0), 1000);
      assert.equal(held.size, [...held.values()][0]!.value.shards);
      return held;
    }, { timeoutMs: 20000 });
    const count = [...shards.values()][0]!.value.shards!;
    assert.ok(count >= 8, `${count} shards`);
    for (const [key, { value, bytes }] of shards) {
      assert.deepEqual(Object.keys(value), ['domainId', 'version', 'shard', 'shards', 'entries']);
      assert.equal(key, `domain.dc1.${value.shard}`);
      assert.equal(value.domainId, 'dc1');
      assert.ok(bytes < MAX_SHARD_BYTES);
      for (const e of value.entries) assert.equal(shardOfVm(e.vmId, count), value.shard);
    }
    const follower = await follow();
    for (const e of entries) assert.equal(follower.index.byAddress(e.ip)?.vmId, e.vmId);
    // 2. one VM moves host: one shard is put, nothing else (the bucket's revision moves by one)
    const movedTo = (e: AddressEntry, hostId: string) => entries.slice(0, 100).map((x) => (x.vmId === e.vmId ? { ...x, hostId } : x));
    const before = await lastRevision();
    await report('sw-0', 'dc1', 2, movedTo(entries[7]!, 'h-new'));
    await eventually(() => assert.equal(follower.index.byAddress(entries[7]!.ip)?.hostId, 'h-new'));
    assert.equal(await lastRevision(), before + 1, 'one write');
    const after1 = await shardsOf('dc1');
    const changed = [...after1].filter(([key, s]) => shards.get(key)!.revision !== s.revision).map(([key]) => key);
    assert.deepEqual(changed, [`domain.dc1.${shardOfVm(entries[7]!.vmId, count)}`]);
    // 3. a new controller process knows nothing in memory: it compares with the bucket, so again one write
    await controller.stop();
    // a process that ends takes its pull requests along; one left open would hold the next message for ack_wait
    await controllerNc.close();
    await startController();
    await report('sw-0', 'dc1', 3, movedTo(entries[7]!, 'h-newer'));
    await eventually(() => assert.equal(follower.index.byAddress(entries[7]!.ip)?.hostId, 'h-newer'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await lastRevision(), before + 2, 'one write after the restart');
    // 4. a report that changes nothing (another switch, same entries, newer version) writes nothing
    await report('sw-1', 'dc1', 2, entries.slice(100, 200));
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await lastRevision(), before + 2);
  });

  it('moves an IP between two VMs in different shards: the gaining shard is written first, every follower ends with the new owner', async () => {
    const entries = Array.from({ length: 300 }, (_, n) => vm(2, n, 'dc2'));
    await report('sw-m', 'dc2', 1, entries);
    const count = await eventually(async () => {
      const held = await shardsOf('dc2');
      assert.equal([...held.values()].reduce((n, s) => n + s.value.entries.length, 0), 300);
      return [...held.values()][0]!.value.shards!;
    });
    assert.ok(count >= 2);
    const follower = await follow();
    // 1. two VMs in different shards; the first one's IP goes to the second, which drops its own
    const from = entries[0]!;
    const to = entries.find((e) => shardOfVm(e.vmId, count) !== shardOfVm(from.vmId, count))!;
    const seen: string[] = [];
    const watch = await kv.watch({ key: addressMapShardKeys('dc2'), include: KvWatchInclude.UpdatesOnly });
    void (async () => { for await (const e of watch) seen.push(e.key); })();
    await report('sw-m', 'dc2', 2, entries.map((e) => (e === from ? { ...e, ip: '10.2.200.1' } : e === to ? { ...e, ip: from.ip } : e)));
    await eventually(() => {
      assert.equal(follower.index.byAddress(from.ip)?.vmId, to.vmId);
      assert.equal(follower.index.byAddress('10.2.200.1')?.vmId, from.vmId);
      assert.equal(follower.index.byAddress(to.ip), undefined);
    });
    await eventually(() => assert.equal(seen.length, 2));
    watch.stop();
    assert.deepEqual(seen, [`domain.dc2.${shardOfVm(to.vmId, count)}`, `domain.dc2.${shardOfVm(from.vmId, count)}`], 'gaining shard first');
    // 2. a switch catching up afterwards sees the same
    const late = await follow();
    assert.equal(late.index.byAddress(from.ip)?.vmId, to.vmId);
    assert.equal(late.index.byAddress(to.ip), undefined);
  });

  it('deletes a domain\'s old unsharded key once its shards are written, and shards that become empty', async () => {
    // 1. what a controller before sharding left behind: the whole domain under domain.legacy
    const old = [vm(3, 1, 'legacy'), vm(3, 2, 'legacy')];
    await kv.put(addressMapKey('legacy'), JSON.stringify({ domainId: 'legacy', version: 4, entries: old } satisfies DomainAddressesValue));
    const follower = await follow();
    assert.equal(follower.index.byAddress(old[1]!.ip)?.vmId, old[1]!.vmId, 'an old key is followed as a layer');
    // 2. the domain's next report: shards written, then the old key deleted
    await report('sw-l', 'legacy', 1, [old[0]!]);
    await eventually(async () => assert.equal((await kv.get(addressMapKey('legacy')))?.operation ?? 'DEL', 'DEL'));
    assert.equal((await shardsOf('legacy')).size, 1);
    await follower.waitForRevision(await lastRevision());
    assert.equal(follower.index.byAddress(old[0]!.ip)?.vmId, old[0]!.vmId);
    assert.equal(follower.index.byAddress(old[1]!.ip), undefined, 'what only the old key held is gone');
    // 3. the switch reports no VM: the shard is empty and deleted
    await report('sw-l', 'legacy', 2, []);
    await eventually(async () => assert.equal((await shardsOf('legacy')).size, 0));
    await follower.waitForRevision(await lastRevision());
    assert.equal(follower.index.byAddress(old[0]!.ip), undefined);
  });

  it('distributes and follows a domain of 20,000 VMs (over 2 MB: one value could not hold it)', async () => {
    // 1. 50 switches of 400 VMs, then one more report: its load replays 50 events and writes a snapshot of > 2 MB
    const entries = Array.from({ length: 20_000 }, (_, n) => vm(4, n, 'big'));
    for (let s = 0; s < 50; s++) await report(`sw-big-${s}`, 'big', 1, entries.slice(s * 400, s * 400 + 400));
    await report('sw-big-0', 'big', 2, entries.slice(0, 400).map((e, i) => (i === 0 ? { ...e, hostId: 'h-last' } : e)));
    const held = await eventually(async () => {
      const shards = await shardsOf('big');
      assert.equal([...shards.values()].reduce((n, s) => n + s.value.entries.length, 0), 20_000);
      assert.ok([...shards.values()].some((s) => s.value.entries.some((e) => e.hostId === 'h-last')));
      return shards;
    }, { timeoutMs: 120_000, intervalMs: 500 });
    const bytes = [...held.values()].reduce((n, s) => n + s.bytes, 0);
    assert.ok(bytes > 2_000_000, `${bytes} bytes in all`);
    for (const s of held.values()) assert.ok(s.bytes < MAX_SHARD_BYTES, `${s.bytes} bytes in one shard`);
    // 2. a switch starting now follows all of it
    const follower = await follow();
    for (const e of entries) assert.equal(follower.index.byAddress(e.ip)?.vmId, e.vmId);
    assert.equal(follower.index.byAddress(entries[0]!.ip)?.hostId, 'h-last');
    // 3. the aggregate's state is over one message: its snapshot went in chunks, named by a small head
    const snapshots = await new Kvm(nats.nc).open(`${subjects.addressEvents.stream}_SNAP`);
    const head = (await snapshots.get('domain-addresses.big'))?.json<{ chunked?: { count: number; bytes: number } }>();
    assert.ok(head?.chunked && head.chunked.count >= 4 && head.chunked.bytes > 2_000_000, JSON.stringify(head));
  });

  describe('a site inventory reported in parts', () => {
    /** Part `index` of `count` of a site's report: the entries whose VM id hashes to it, as the inventory splits them. */
    const partOf = (entries: AddressEntry[], index: number, count: number) => entries.filter((e) => vmIdHash(e.vmId) % count === index);
    const siteReport = (siteId: string, domainId: string, version: number, entries: AddressEntry[], part?: { index: number; count: number }) =>
      jetstream(nats.nc).publish(subjects.inventoryAddresses(siteId), JSON.stringify({ domainId, version, entries, ...(part ? { part } : {}) }));
    const sendSplit = async (siteId: string, domainId: string, version: number, entries: AddressEntry[], count: number, parts = count) => {
      for (let i = 0; i < parts; i++) await siteReport(siteId, domainId, version, partOf(entries, i, count), { index: i, count });
    };
    /** The domain's distributed map, by IP, read from its shard keys. */
    const mapOf = async (domainId: string) => {
      const byIp = new Map<string, AddressEntry>();
      for (const s of (await shardsOf(domainId)).values()) for (const e of s.value.entries) byIp.set(e.ip, e);
      return byIp;
    };
    const assertMap = (held: Map<string, AddressEntry>, expected: AddressEntry[]) => {
      assert.equal(held.size, expected.length);
      for (const e of expected) assert.deepEqual(held.get(e.ip), e, e.vmId);
    };

    it('holds each part as a source, keeps the old split claiming until the new one is complete, then drops it', async () => {
      // 1. version 1: the site in one report, as before parts existed
      const entries = Array.from({ length: 300 }, (_, n) => vm(5, n, 'parts'));
      await siteReport('site-p', 'parts', 1, entries);
      await eventually(async () => assertMap(await mapOf('parts'), entries));
      // 2. version 2 in 4 parts: one VM deleted and one created; parts 0 … 2 first. The created VM is in part 2, so
      //    once it is in the map the first three parts are applied: the deleted VM is still claimed by the old report
      const deleted = entries[10]!;
      const created = Array.from({ length: 64 }, (_, n) => vm(5, 1000 + n, 'parts')).find((e) => vmIdHash(e.vmId) % 4 === 2)!;
      const v2 = [...entries.filter((e) => e !== deleted), created];
      await sendSplit('site-p', 'parts', 2, v2, 4, 3);
      await eventually(async () => assert.deepEqual((await mapOf('parts')).get(created.ip), created));
      assertMap(await mapOf('parts'), [...entries, created]);
      // 3. the last part completes the split: the single-part report is dropped, and with it the deleted VM
      await siteReport('site-p', 'parts', 2, partOf(v2, 3, 4), { index: 3, count: 4 });
      await eventually(async () => assertMap(await mapOf('parts'), v2));
      // 4. version 3 shrinks to 2 parts with the VMs of part 3 of 4 gone: nothing of the 4-part split stays
      const v3 = v2.filter((e) => vmIdHash(e.vmId) % 4 !== 3);
      await sendSplit('site-p', 'parts', 3, v3, 2);
      await eventually(async () => assertMap(await mapOf('parts'), v3));
      // 5. back to one report: the parts go
      const v4 = v3.slice(0, 50);
      await siteReport('site-p', 'parts', 4, v4);
      await eventually(async () => assertMap(await mapOf('parts'), v4));
      // 6. a part with an index past its count, and a switch's report in parts, are refused: once another site's
      //    report behind them is applied, neither left a trace
      const [intruder, switched, marker] = [vm(5, 2000, 'parts'), vm(5, 2001, 'parts'), vm(5, 2002, 'parts')];
      await siteReport('site-p', 'parts', 5, [intruder], { index: 2, count: 2 });
      await jetstream(nats.nc).publish(subjects.addresses('sw-p'), JSON.stringify({ domainId: 'parts', version: 1, entries: [switched], part: { index: 0, count: 2 } }));
      await siteReport('site-q', 'parts', 1, [marker]);
      await eventually(async () => assert.deepEqual((await mapOf('parts')).get(marker.ip), marker));
      assertMap(await mapOf('parts'), [...v4, marker]);
    });

    it('distributes a site of 12,000 VMs that one message could not hold', async () => {
      const entries = Array.from({ length: 12_000 }, (_, n) => vm(6, n, 'big-site'));
      const whole = JSON.stringify({ domainId: 'big-site', version: 1, entries });
      assert.ok(whole.length > nats.nc.info!.max_payload, `${whole.length} bytes: more than one message may hold`);
      const count = 8;
      for (let i = 0; i < count; i++) assert.ok(JSON.stringify(partOf(entries, i, count)).length < 512 * 1024);
      await sendSplit('site-big', 'big-site', 1, entries, count);
      await eventually(async () => assertMap(await mapOf('big-site'), entries), { timeoutMs: 120_000, intervalMs: 500 });
      const follower = await follow();
      for (const e of entries) assert.equal(follower.index.byAddress(e.ip)?.vmId, e.vmId);
    });
  });
});
