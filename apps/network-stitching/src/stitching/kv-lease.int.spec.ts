import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { testNats, type TestNats } from '#vorch/testing';
import { KvLease } from './kv-lease.js';

describe('KvLease (real NATS JetStream KV)', () => {
  let t: TestNats;
  let clock = 1_000_000;
  const TTL = 30000;
  const lease = (key: string) => KvLease.open(t.nc, { bucket: `${t.prefix}_leases`, key, ttlMs: TTL, now: () => clock });

  before(async () => {
    t = await testNats();
  });
  after(() => t.cleanup());

  it('given two replicas, then one holds the lease and keeps it by renewing, the other stands by', async () => {
    const [a, b] = [await lease('one'), await lease('one')];
    assert.equal(await a.hold(), true);
    assert.equal(await b.hold(), false);
    clock += TTL - 1;
    assert.equal(await a.hold(), true, 'renewed before it ran out');
    clock += TTL - 1;
    assert.equal(await b.hold(), false, 'the renewal counts from when it was made');
  });

  it('given a holder that stops renewing (crashed), then another takes over once the lease has run out', async () => {
    const [a, b] = [await lease('two'), await lease('two')];
    assert.equal(await a.hold(), true);
    clock += TTL + 1;
    assert.equal(await b.hold(), true);
    assert.equal(await a.hold(), false, 'the old holder has lost it');
  });

  it('given a holder that releases, then another takes it at once', async () => {
    const [a, b] = [await lease('three'), await lease('three')];
    assert.equal(await a.hold(), true);
    await a.release();
    assert.equal(await b.hold(), true);
  });

  it('given many replicas racing for a free lease, then exactly one wins', async () => {
    const replicas = await Promise.all(Array.from({ length: 8 }, () => lease('four')));
    const won = await Promise.all(replicas.map((r) => r.hold()));
    assert.equal(won.filter(Boolean).length, 1);
  });
});
