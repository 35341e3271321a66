import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect } from '@nats-io/transport-node';
import { Kvm } from '@nats-io/kv';
import { eventually, testNats, type TestNats } from '#vorch/testing';
import { KvLease, leaseBucketFor, LeaseBucketTtlMismatchError, LeaseTtlInvalidError } from './kv-lease.js';
import { runWhileLeader } from './run-while-leader.js';

// Expiry is the server's (the bucket's max age), so these tests wait real time: a short ttl keeps them quick.
const TTL = 1000;

describe('KvLease (real NATS JetStream KV, expiry by the server)', () => {
  let t: TestNats;
  const bucket = () => `${t.prefix}_leases`;
  const lease = (key: string) => KvLease.open(t.nc, { bucket: bucket(), key, ttlMs: TTL });

  before(async () => {
    t = await testNats();
  });
  after(() => t.cleanup());

  it('given two replicas, then one holds the lease and keeps it by renewing past its ttl, the other stands by', async () => {
    const [a, b] = [await lease('one'), await lease('one')];
    assert.equal(await a.hold(), true);
    assert.equal(await b.hold(), false);
    // A quarter ttl between renewals leaves a busy machine three quarters of one to get each renewal through.
    for (let i = 0; i < 6; i++) {
      await sleep(TTL / 4);
      assert.equal(await a.hold(), true, 'renewed before it ran out');
      assert.equal(await b.hold(), false, 'the renewal restarted the key age on the server');
    }
    assert.equal(a.held, true);
    assert.equal(b.held, false);
  });

  it('given a holder that stops renewing (crashed), then the server expires the key and another takes over', async () => {
    const [a, b] = [await lease('two'), await lease('two')];
    const heldAt = performance.now();
    assert.equal(await a.hold(), true);
    assert.equal(await b.hold(), false, 'not while the key lives');
    await eventually(async () => assert.equal(await b.hold(), true), { timeoutMs: 20 * TTL });
    // The lower bound proves the server's expiry let b in; no upper bound, a busy machine may poll late.
    assert.ok(performance.now() - heldAt >= TTL, 'not before the ttl');
    assert.equal(a.held, false, 'by its own clock the old holder knows its last renewal ran out');
    assert.equal(await a.hold(), false, 'the old holder has lost it');
  });

  it('given a holder that releases, then another takes it at once', async () => {
    const [a, b] = [await lease('three'), await lease('three')];
    assert.equal(await a.hold(), true);
    await a.release();
    assert.equal(a.held, false);
    assert.equal(await b.hold(), true);
  });

  it('given many replicas racing for a free lease, then exactly one wins', async () => {
    const replicas = await Promise.all(Array.from({ length: 8 }, () => lease('four')));
    const won = await Promise.all(replicas.map((r) => r.hold()));
    assert.equal(won.filter(Boolean).length, 1);
  });

  it('names one bucket per ttl, and refuses a bucket whose max age is not the lease ttl, or a bad ttl', async () => {
    // A bucket no other test names (destroyed below, on the shared server): services' ttls are round numbers.
    const ttlOfItsOwn = 1000 + Math.floor(Math.random() * 100_000) * 10 + 7;
    const l = await KvLease.open(t.nc, { key: 'k', ttlMs: ttlOfItsOwn });
    const byTtl = await new Kvm(t.nc).open(leaseBucketFor(ttlOfItsOwn));
    assert.equal((await byTtl.status()).ttl, ttlOfItsOwn, 'the default bucket is named from the ttl and expires keys after it');
    assert.equal(await l.hold(), true);
    await byTtl.destroy();
    await new Kvm(t.nc).create(`${t.prefix}_other`, { history: 1, ttl: 5000 });
    await assert.rejects(KvLease.open(t.nc, { bucket: `${t.prefix}_other`, key: 'k', ttlMs: TTL }), LeaseBucketTtlMismatchError);
    await assert.rejects(KvLease.open(t.nc, { bucket: `${t.prefix}_x`, key: 'k', ttlMs: 0 }), LeaseTtlInvalidError);
    await assert.rejects(KvLease.open(t.nc, { bucket: `${t.prefix}_x`, key: 'k', ttlMs: 1.5 }), LeaseTtlInvalidError);
  });

  it('runWhileLeader: exactly one runs the task; stopping it hands the task to the other at once', async () => {
    const events: string[] = [];
    const holders = new Map<string, string>();
    const leader = (name: string) =>
      lease('five').then((l) => {
        holders.set(name, l.holder);
        return runWhileLeader(l, { renewEveryMs: TTL / 4, onGained: () => void events.push(`${name}+`), onLost: () => void events.push(`${name}-`) });
      });
    const a = await leader('a');
    const b = await leader('b');
    await sleep(TTL * 1.5);
    assert.deepEqual([a.leading, b.leading], [true, false]);
    assert.deepEqual(events, ['a+'], 'the leader kept the lease past its ttl, the other never ran the task');
    await a.stop();
    // "At once": a's key is gone when stop returns (deleted, or already taken by b), so b need not wait for it to
    // expire. Checked on the bucket rather than on b's timing, which a busy machine stretches.
    const left = await (await new Kvm(t.nc).open(bucket())).get('five');
    assert.ok(left?.operation !== 'PUT' || left.string() !== holders.get('a'), 'stop released the lease');
    await eventually(() => assert.equal(b.leading, true), { timeoutMs: 20 * TTL });
    assert.deepEqual(events, ['a+', 'a-', 'b+']);
    await b.stop();
  });

  it('runWhileLeader: a holder cut off from NATS stops its task after the ttl, and the other takes over', async () => {
    const cutOff = await connect({ servers: t.url });
    const events: string[] = [];
    const a = await runWhileLeader(await KvLease.open(cutOff, { bucket: bucket(), key: 'six', ttlMs: TTL }), {
      renewEveryMs: TTL / 4,
      onGained: () => void events.push('a+'),
      onLost: () => void events.push('a-'),
    });
    const b = await runWhileLeader(await lease('six'), { renewEveryMs: TTL / 4, onGained: () => void events.push('b+'), onLost: () => void events.push('b-') });
    assert.equal(a.leading, true);
    const cutAt = Date.now();
    await cutOff.close(); // renewals now fail; nothing is released
    await eventually(() => assert.equal(b.leading, true), { timeoutMs: 20 * TTL });
    assert.ok(Date.now() - cutAt >= TTL / 2, 'the other waited for the key to expire');
    assert.equal(a.leading, false);
    assert.deepEqual(events, ['a+', 'a-', 'b+'], 'the cut-off holder stopped its task before the other started one');
    await a.stop();
    await b.stop();
  });
});
