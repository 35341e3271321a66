import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Kvm, type KV } from '@nats-io/kv';
import { testNats, type TestNats } from '#vorch/testing';
import { EventStore } from './event-store.js';
import type { EventStoreConfig } from './event-store.config.js';
import type { Reducer } from './reducer.js';
import { meta } from './counter.fixture.js';

/** Each event adds a string of `size` characters: a few events make a state far past one NATS message. */
const blobs: Reducer<string[]> = {
  initialState: [],
  evolve: (s, e) => [...s, (e.data as { fill: string; size: number }).fill.repeat((e.data as { size: number }).size)],
  snapshotSchema: 'blobs-v1',
};

describe('snapshots larger than one NATS message, on real NATS', () => {
  let t: TestNats;
  let cfg: EventStoreConfig;
  let store: EventStore;
  let kv: KV;

  before(async () => {
    t = await testNats();
    cfg = { stream: `${t.prefix}_EVT_BIG`, subjectPrefix: `${t.prefix}.big`, snapshotBucket: `${t.prefix}_bigsnap`, snapshotEvery: 4 };
    store = await EventStore.open(t.nc, cfg);
    kv = await new Kvm(t.nc).open(cfg.snapshotBucket!);
  });
  after(() => t.cleanup());

  /** Appends `n` events of `size` characters each (one per commit, ~200 KB each is within one message). */
  async function grow(id: string, n: number, size = 200_000): Promise<void> {
    const plain = await EventStore.open(t.nc, { stream: cfg.stream, subjectPrefix: cfg.subjectPrefix });
    let { seq, version } = await plain.load('blob', id, blobs);
    for (let i = 0; i < n; i++) {
      const r = await plain.append({
        aggregateType: 'blob', aggregateId: id, expectedSeq: seq, expectedVersion: version,
        meta: meta(`${id}-${version + 1}`), events: [{ type: 'Blob', data: { fill: String.fromCharCode(97 + (version % 26)), size } }],
      });
      seq = r.seq;
      version = r.version;
    }
  }

  async function chunkKeys(id: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const k of await kv.keys(`_chunks.blob.${id}.>`)) keys.push(k);
    return keys.sort();
  }

  it('writes a 1.2 MB state in chunks, and the next load restores it instead of replaying', async () => {
    await grow('a', 6);
    const first = await store.load('blob', 'a', blobs);
    assert.deepEqual([first.stats.snapshot, first.stats.replayedEvents, first.stats.snapshotWritten], ['miss', 6, true]);
    assert.equal((await chunkKeys('a')).length, 3, '1.2 MB in 512 KB chunks');

    await grow('a', 1);
    const second = await store.load('blob', 'a', blobs);
    assert.deepEqual([second.stats.snapshot, second.stats.snapshotVersion, second.stats.replayedEvents], ['hit', 6, 1]);
    const replayed = await (await EventStore.open(t.nc, { stream: cfg.stream, subjectPrefix: cfg.subjectPrefix })).load('blob', 'a', blobs);
    assert.deepEqual(second.state, replayed.state, 'the chunked snapshot plus the tail equals a full replay');
    assert.equal(second.state.length, 7);
    assert.equal(second.state.join('').length, 7 * 200_000);
  });

  it('alternates chunk slots, so the aggregate uses a bounded set of keys however often it is snapshotted', async () => {
    await grow('b', 6);
    await store.load('blob', 'b', blobs);
    await grow('b', 4);
    const again = await store.load('blob', 'b', blobs);
    assert.equal(again.stats.snapshotWritten, true);
    await grow('b', 4);
    assert.equal((await store.load('blob', 'b', blobs)).stats.snapshotWritten, true);
    const keys = await chunkKeys('b');
    assert.ok(keys.some((k) => k.includes('.s0.')) && keys.some((k) => k.includes('.s1.')), keys.join(','));
    assert.ok(keys.length <= 2 * 6, `${keys.length} chunk keys`);
    const last = await store.load('blob', 'b', blobs);
    assert.deepEqual([last.stats.snapshot, last.stats.snapshotVersion, last.state.length], ['hit', 14, 14]);
  });

  it('replays (and then rewrites the snapshot) when a chunk does not match its head', async () => {
    await grow('c', 6);
    await store.load('blob', 'c', blobs);
    const [firstChunk] = await chunkKeys('c');
    await kv.put(firstChunk!, new TextEncoder().encode('not what the head hashed'));
    const damaged = await store.load('blob', 'c', blobs);
    assert.deepEqual([damaged.stats.snapshot, damaged.stats.replayedEvents, damaged.state.length], ['miss', 6, 6]);
    assert.equal(damaged.stats.snapshotWritten, true, 'the replay writes a good snapshot in the other slot');
    assert.equal((await store.load('blob', 'c', blobs)).stats.snapshot, 'hit');
  });

  it('keeps a small state inline, as before', async () => {
    await grow('d', 5, 10);
    await store.load('blob', 'd', blobs);
    assert.deepEqual(await chunkKeys('d'), []);
    assert.equal((await store.load('blob', 'd', blobs)).stats.snapshot, 'hit');
  });
});
