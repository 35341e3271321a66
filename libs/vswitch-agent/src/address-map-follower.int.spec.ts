import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { KV } from '@nats-io/kv';
import { addressMapKey, addressMapShardKey } from '#vorch/contracts';
import type { AddressEntry } from '#vorch/stats-domain';
import { testNats, type TestNats } from '#vorch/testing';
import { AddressMapFollower, openAddressMapBucket, type DomainAddressesValue } from './address-map-follower.js';

const vm = (vmId: string, ip: string, mac: string, hostId: string, domainId: string): AddressEntry => ({ vmId, ip, mac, hostId, domainId, tenantId: 't1' });
const shared = (domainId: string) => vm('vm-moving', '10.5.0.1', '02:00:00:05:00:01', `h-${domainId}`, domainId);
const a = vm('vm-a', '10.5.0.2', '02:00:00:05:00:02', 'h1', 'dc1');
const c = vm('vm-c', '10.6.0.1', '02:00:00:06:00:01', 'h2', 'dc2');

describe('address map follower (real NATS KV)', () => {
  let nats: TestNats;
  let kv: KV;
  let bucket: string;
  const followers: AddressMapFollower[] = [];
  const put = (domainId: string, entries: AddressEntry[]) =>
    kv.put(`domain.${domainId}`, JSON.stringify({ domainId, version: 1, entries } satisfies DomainAddressesValue));

  const putShard = (domainId: string, shard: number, entries: AddressEntry[]) =>
    kv.put(addressMapShardKey(domainId, shard), JSON.stringify({ domainId, version: 1, shard, shards: 2, entries } satisfies DomainAddressesValue));

  before(async () => {
    nats = await testNats();
    bucket = `${nats.prefix}_am`;
    kv = await openAddressMapBucket(nats.nc, bucket);
  });

  after(async () => {
    for (const f of followers) f.stop();
    await nats?.cleanup();
  });

  it('catches up on every domain, then applies one domain at a time with the most recent write winning a shared address', async () => {
    // 1. written before the follower starts: it catches up through its watch
    await put('dc1', [shared('dc1'), a]);
    const last = await put('dc2', [shared('dc2'), c]);
    const applied: number[] = [];
    const follower = await AddressMapFollower.start(nats.nc, bucket, (revision) => applied.push(revision));
    followers.push(follower);
    await follower.waitForRevision(last);
    assert.equal(follower.revision, last);
    assert.equal(follower.index.size, 3);
    assert.equal(follower.index.byAddress('10.5.0.1')?.domainId, 'dc2', 'dc2 was written last');
    assert.equal(applied.at(-1), last);
    // 2. dc1 written again, still claiming the address: it is now the most recent
    await follower.waitForRevision(await put('dc1', [shared('dc1'), a]));
    assert.equal(follower.index.byAddress('10.5.0.1')?.domainId, 'dc1');
    assert.equal(follower.index.byAddress(c.ip)?.vmId, 'vm-c', 'the other domain is untouched');
    // 3. dc1 drops the claim: dc2's comes back
    await follower.waitForRevision(await put('dc1', [a]));
    assert.equal(follower.index.byAddress('10.5.0.1')?.domainId, 'dc2');
    assert.equal(follower.index.byHardwareAddress('02:00:00:05:00:01')?.hostId, 'h-dc2');
    // 4. dc2 deleted: its addresses leave the map, dc1's stay
    await kv.delete('domain.dc2');
    // the delete's revision is not returned: a later write's revision covers it (revisions are in write order)
    await follower.waitForRevision(await put('dc3', []));
    assert.equal(follower.index.byAddress('10.5.0.1'), undefined);
    assert.equal(follower.index.byAddress(c.ip), undefined);
    assert.equal(follower.index.byAddress(a.ip)?.vmId, 'vm-a');
  });

  it('keeps a domain as it was when its new value cannot be read, and goes on following', async () => {
    await put('dc7', [vm('vm-7', '10.7.0.1', '02:00:00:07:00:01', 'h1', 'dc7')]);
    const follower = await AddressMapFollower.start(nats.nc, bucket);
    followers.push(follower);
    await follower.waitForRevision(await put('dc7', [vm('vm-7', '10.7.0.1', '02:00:00:07:00:01', 'h2', 'dc7')]));
    const bad = await kv.put('domain.dc7', JSON.stringify({ domainId: 'dc7', version: 2, entries: [{ ip: 7 }] }));
    const notJson = await kv.put('domain.dc8', 'not json');
    await follower.waitForRevision(Math.max(bad, notJson));
    assert.equal(follower.revision, Math.max(bad, notJson));
    assert.equal(follower.index.byAddress('10.7.0.1')?.hostId, 'h2', 'the last readable value of dc7 stands');
    await follower.waitForRevision(await put('dc7', [vm('vm-7', '10.7.0.1', '02:00:00:07:00:01', 'h3', 'dc7')]));
    assert.equal(follower.index.byAddress('10.7.0.1')?.hostId, 'h3');
  });

  it('follows a domain written as shards, each key one layer, and an old unsharded key beside them', async () => {
    const x = vm('vm-x', '10.9.0.1', '02:00:00:09:00:01', 'h1', 'dc9');
    const y = vm('vm-y', '10.9.0.2', '02:00:00:09:00:02', 'h2', 'dc9');
    const z = vm('vm-z', '10.9.0.3', '02:00:00:09:00:03', 'h3', 'dc9');
    // 1. an old controller's whole-domain key, then the new controller's shards of the same domain
    await kv.put(addressMapKey('dc9'), JSON.stringify({ domainId: 'dc9', version: 1, entries: [x, y, z] } satisfies DomainAddressesValue));
    const follower = await AddressMapFollower.start(nats.nc, bucket);
    followers.push(follower);
    await putShard('dc9', 0, [x]);
    await follower.waitForRevision(await putShard('dc9', 1, [y]));
    await kv.delete(addressMapKey('dc9'));
    await follower.waitForRevision(await put('dc-tick', []));
    assert.equal(follower.index.byAddress(x.ip)?.vmId, 'vm-x', 'the shards hold x and y after the old key left');
    assert.equal(follower.index.byAddress(y.ip)?.vmId, 'vm-y');
    assert.equal(follower.index.byAddress(z.ip), undefined, 'z was only in the old key');
    // 2. x's IP goes to y (shard 1): the gaining shard is written first and wins at once, then shard 0 without it
    const yWithXIp = { ...y, ip: x.ip };
    await follower.waitForRevision(await putShard('dc9', 1, [yWithXIp]));
    assert.equal(follower.index.byAddress(x.ip)?.vmId, 'vm-y', 'the later write wins');
    await follower.waitForRevision(await putShard('dc9', 0, [{ ...x, ip: '10.9.0.9' }]));
    assert.equal(follower.index.byAddress(x.ip)?.vmId, 'vm-y', 'the earlier shard rewritten without it changes nothing');
    assert.equal(follower.index.byAddress(y.ip), undefined);
    // 3. and back the other way round (losing shard first): unknown for a moment, then the new owner
    await follower.waitForRevision(await putShard('dc9', 1, [y]));
    assert.equal(follower.index.byAddress(x.ip), undefined);
    await follower.waitForRevision(await putShard('dc9', 0, [x]));
    assert.equal(follower.index.byAddress(x.ip)?.vmId, 'vm-x');
    // 4. a shard deleted takes only its own entries along; a late switch catching up sees the same
    await kv.delete(addressMapShardKey('dc9', 1));
    await follower.waitForRevision(await put('dc-tick', []));
    assert.equal(follower.index.byAddress(y.ip), undefined);
    assert.equal(follower.index.byAddress(x.ip)?.vmId, 'vm-x');
    const late = await AddressMapFollower.start(nats.nc, bucket);
    followers.push(late);
    await late.waitForRevision(follower.revision);
    assert.equal(late.index.byAddress(x.ip)?.vmId, 'vm-x');
    assert.equal(late.index.byAddress(y.ip), undefined);
    assert.equal(late.index.byAddress(z.ip), undefined);
  });
});
