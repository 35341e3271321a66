import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { ConcurrencyError, ValidationError, type Commit } from '#vorch/contracts';
import { testNats, type TestNats } from '#vorch/testing';
import { EventStore } from './event-store.js';
import { ReservedHeaderError, UnsupportedHeaderError } from './eventstore.errors.js';
import { meta } from './counter.fixture.js';
import type { AppendInput } from './append-input.js';

const added = (amount: number) => ({ type: 'Added', data: { amount } });

describe('EventStore.append on real NATS', () => {
  let t: TestNats;
  let store: EventStore;

  before(async () => {
    t = await testNats();
    store = await EventStore.open(t.nc, { stream: `${t.prefix}_EVT_APPEND`, subjectPrefix: `${t.prefix}.evt` });
  });
  after(() => t.cleanup());

  const commits = async (id: string) => {
    const all: Array<{ seq: number; commit: Commit }> = [];
    for await (const c of store.readAggregate('counter', id)) all.push(c);
    return all;
  };
  const input = (id: string, commandId: string, expectedSeq: number, expectedVersion: number, events = [added(1)]): AppendInput => ({
    aggregateType: 'counter', aggregateId: id, expectedSeq, expectedVersion, meta: meta(commandId), events,
  });

  it('stores several events of one command as one commit, numbered from the loaded version', async () => {
    const r = await store.append(input('multi', 'm1', 0, 0, [added(1), added(2), added(3)]));
    assert.equal(r.duplicate, false);
    assert.equal(r.version, 3);
    const stored = await commits('multi');
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.seq, r.seq);
    assert.deepEqual(stored[0]!.commit.events.map((e) => [e.version, e.data]), [[1, { amount: 1 }], [2, { amount: 2 }], [3, { amount: 3 }]]);
    assert.deepEqual(stored[0]!.commit.events.map((e) => e.id), r.events.map((e) => e.id));
  });

  it('lets exactly one of 20 concurrent writers win a version; the others get ConcurrencyError', async () => {
    const first = await store.append(input('race', 'r0', 0, 0));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => store.append(input('race', `r${i + 1}`, first.seq, first.version))),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 19);
    for (const l of lost) {
      assert.ok(l.reason instanceof ConcurrencyError, String(l.reason));
      assert.equal(l.reason.code, 'CONCURRENCY');
    }
    assert.deepEqual((await commits('race')).flatMap((c) => c.commit.events.map((e) => e.version)), [1, 2]);
  });

  it('refuses a second creation of the same aggregate (expectedSeq 0)', async () => {
    await store.append(input('born-once', 'b1', 0, 0));
    await assert.rejects(store.append(input('born-once', 'b2', 0, 0)), ConcurrencyError);
    assert.equal((await commits('born-once')).length, 1);
  });

  it('answers the same command inside the duplicate window with the first commit, storing nothing new', async () => {
    const a = await store.append(input('dup', 'd1', 0, 0, [added(5)]));
    const b = await store.append(input('dup', 'd1', 0, 0, [added(5)]));
    assert.equal(b.duplicate, true);
    assert.equal(b.seq, a.seq);
    assert.equal(b.version, 1);
    assert.deepEqual(b.events.map((e) => e.id), a.events.map((e) => e.id));
    assert.equal((await commits('dup')).length, 1);
  });

  it('keeps the same command id apart on two aggregates', async () => {
    const a = await store.append(input('twin-a', 'shared', 0, 0));
    const b = await store.append(input('twin-b', 'shared', 0, 0));
    assert.equal(a.duplicate || b.duplicate, false);
    assert.notEqual(a.seq, b.seq);
  });

  it('refuses headers nats-server 2.9 ignores, and the store-owned ones, before publishing anything', async () => {
    const jsm = await jetstreamManager(t.nc);
    const before = (await jsm.streams.info(store.config.stream)).state.messages;
    const refused: Array<[string, new (...a: never[]) => Error]> = [
      ['Nats-Expected-Last-Subject-Sequence-Subject', UnsupportedHeaderError],
      ['Nats-TTL', UnsupportedHeaderError],
      ['Nats-Batch-Id', UnsupportedHeaderError],
      ['Nats-Msg-Id', ReservedHeaderError],
    ];
    for (const [header, type] of refused) {
      await assert.rejects(store.append({ ...input('guarded', `g-${header}`, 0, 0), headers: { [header]: '1' } }), type);
    }
    assert.equal((await jsm.streams.info(store.config.stream)).state.messages, before);
    assert.equal((await commits('guarded')).length, 0);
    const ok = await store.append({ ...input('guarded', 'g-ok', 0, 0), headers: { 'x-origin': 'test' } });
    assert.equal(ok.version, 1);
  });

  it('names bad input fields instead of publishing', async () => {
    await assert.rejects(store.append(input('bad', 'x', 0, 0, [])), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.errors?.map((e) => e.field), ['events']);
      return true;
    });
    await assert.rejects(store.append(input('a.b', 'x', 0, 0)), ValidationError);
    await assert.rejects(store.append({ ...input('bad', 'x', -1, 0) }), ValidationError);
  });

  it('opens an existing store again without touching its events', async () => {
    const again = await EventStore.open(t.nc, store.config);
    assert.equal((await (async () => { let n = 0; for await (const _ of again.readAggregate('counter', 'multi')) n++; return n; })()), 1);
  });
});
