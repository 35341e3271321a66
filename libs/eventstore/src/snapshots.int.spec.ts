import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { UpcasterRegistry } from '#vorch/contracts';
import { eventually, testNats, type TestNats } from '#vorch/testing';
import { EventStore } from './event-store.js';
import type { EventStoreConfig } from './event-store.config.js';
import type { Reducer } from './reducer.js';
import type { SnapshotRecord } from './snapshot-record.js';
import { meta } from './counter.fixture.js';

/** Sums `amount` (schema 1) or `cents / 100` (schema 2, after an upcaster). */
const total: Reducer<number> = {
  initialState: 0,
  evolve: (s, e) => s + ((e.data as { amount?: number }).amount ?? (e.data as { cents: number }).cents / 100),
  snapshotSchema: 'total-v1',
};

describe('snapshots on real NATS', () => {
  let t: TestNats;
  let cfg: EventStoreConfig;
  let store: EventStore;

  before(async () => {
    t = await testNats();
    cfg = { stream: `${t.prefix}_EVT_SNAP`, subjectPrefix: `${t.prefix}.evt`, snapshotBucket: `${t.prefix}_snapshots`, snapshotEvery: 10 };
    store = await EventStore.open(t.nc, cfg);
  });
  after(() => t.cleanup());

  /** Appends `n` one-event commits of amount 1 through a store without snapshots, so only loads take them. */
  async function grow(id: string, n: number): Promise<void> {
    const plain = await EventStore.open(t.nc, { stream: cfg.stream, subjectPrefix: cfg.subjectPrefix });
    let seq = (await plain.load('counter', id, total)).seq;
    let version = (await plain.load('counter', id, total)).version;
    for (let i = 0; i < n; i++) {
      const r = await plain.append({
        aggregateType: 'counter', aggregateId: id, expectedSeq: seq, expectedVersion: version,
        meta: meta(`${id}-${version + 1}`), events: [{ type: 'Added', data: { amount: 1 } }],
      });
      seq = r.seq;
      version = r.version;
    }
  }

  it('replays everything once, snapshots, then replays only what came after the snapshot', async () => {
    await grow('big', 55);
    const first = await store.load('counter', 'big', total);
    assert.deepEqual([first.state, first.version, first.stats.snapshot, first.stats.replayedEvents, first.stats.snapshotWritten], [55, 55, 'miss', 55, true]);

    await grow('big', 3);
    const second = await store.load('counter', 'big', total);
    assert.deepEqual([second.state, second.version, second.stats.snapshot, second.stats.snapshotVersion, second.stats.replayedEvents], [58, 58, 'hit', 55, 3]);
    assert.equal(second.seq, (await store.load('counter', 'big', { ...total, snapshotSchema: 'no-such' })).seq);
    // the snapshot carries the command ids too: a retry of the very first command is still recognised
    assert.ok(second.handledCommands.has('big-1'));
    assert.equal(second.handledCommands.size, 58);
  });

  it('keeps replaying the same tail until snapshotEvery more events have piled up', async () => {
    await grow('steady', 12);
    await store.load('counter', 'steady', total);
    await grow('steady', 9);
    const a = await store.load('counter', 'steady', total);
    assert.deepEqual([a.stats.replayedEvents, a.stats.snapshotWritten], [9, false]);
    await grow('steady', 1);
    const b = await store.load('counter', 'steady', total);
    assert.deepEqual([b.stats.replayedEvents, b.stats.snapshotWritten], [10, true]);
    const c = await store.load('counter', 'steady', total);
    assert.deepEqual([c.state, c.stats.snapshot, c.stats.replayedEvents], [22, 'hit', 0]);
  });

  it('ignores a snapshot taken before an upcaster change, replays with the new schema and snapshots again', async () => {
    await grow('money', 20);
    const old = await store.load('counter', 'money', total);
    assert.equal(old.stats.snapshotWritten, true);

    // New code: Added v1 { amount } becomes v2 { cents }; evolve reads cents. A v1-shaped snapshot must not be trusted.
    const upcasters = new UpcasterRegistry().register('Added', 1, (d) => ({ cents: (d as { amount: number }).amount * 100 }));
    const upgraded = await EventStore.open(t.nc, { ...cfg, upcasters });
    const cents: Reducer<number> = { ...total, evolve: (s, e) => s + (e.data as { cents: number }).cents / 100 };
    const reloaded = await upgraded.load('counter', 'money', cents);
    assert.deepEqual([reloaded.state, reloaded.stats.snapshot, reloaded.stats.replayedEvents, reloaded.stats.snapshotWritten], [20, 'stale', 20, true]);

    const raw = await (await new Kvm(t.nc).open(cfg.snapshotBucket!)).get('counter.money');
    const record = raw!.json<SnapshotRecord>();
    assert.deepEqual(record.eventSchemas, { Added: 2 });

    const again = await upgraded.load('counter', 'money', cents);
    assert.deepEqual([again.state, again.stats.snapshot, again.stats.replayedEvents], [20, 'hit', 0]);
    // ...and the old code, should it still run somewhere, refuses the new snapshot in turn
    assert.equal((await store.load('counter', 'money', total)).stats.snapshot, 'stale');
  });

  it('ignores a snapshot whose reducer schema changed', async () => {
    await grow('reshaped', 10);
    await store.load('counter', 'reshaped', total);
    const r = await store.load('counter', 'reshaped', { ...total, snapshotSchema: 'total-v2' });
    assert.deepEqual([r.state, r.stats.snapshot, r.stats.replayedEvents], [10, 'stale', 10]);
  });

  it('replays a long aggregate through the consumer path with the same result as the short path', async () => {
    await grow('long', 40);
    const noSnap = await EventStore.open(t.nc, { stream: cfg.stream, subjectPrefix: cfg.subjectPrefix });
    const l = await noSnap.load('counter', 'long', total);
    assert.deepEqual([l.state, l.version, l.stats.snapshot, l.stats.replayedCommits], [40, 40, 'off', 40]);
    // the ordered consumer a long replay used is removed, not left to expire one per load
    const jsm = await jetstreamManager(t.nc);
    await eventually(async () => assert.equal((await jsm.streams.info(cfg.stream)).state.consumer_count, 0));
  });
});
