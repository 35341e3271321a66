import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstream } from '@nats-io/jetstream';
import { ConflictError, type Decider as ContractsDecider } from '#vorch/contracts';
import { eventually, testNats, type TestNats } from '#vorch/testing';
import { EventStore } from './event-store.js';
import { deciderReducer, handleCommand } from './handle-command.js';
import { counterDecider, meta, type CounterCommand, type CounterEvent, type CounterState } from './counter.fixture.js';

describe('handleCommand on real NATS', () => {
  let t: TestNats;
  let store: EventStore;

  before(async () => {
    t = await testNats();
    store = await EventStore.open(t.nc, { stream: `${t.prefix}_EVT_CMD`, subjectPrefix: `${t.prefix}.evt` });
  });
  after(() => t.cleanup());

  const versions = async (s: EventStore, id: string) => {
    const all: number[] = [];
    for await (const { commit } of s.readAggregate('counter', id)) all.push(...commit.events.map((e) => e.version));
    return all;
  };
  const add = (s: EventStore, id: string, commandId: string, amount = 1) =>
    handleCommand(s, counterDecider, { aggregateType: 'counter', aggregateId: id, command: { type: 'Add', amount }, meta: meta(commandId) });

  it('20 concurrent writers to one aggregate all succeed through retries, with no version gap or duplicate', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => add(store, 'hot', `hot-${i}`, i + 1)));
    assert.ok(results.every((r) => !r.duplicate && r.events.length === 1));
    // Every writer loaded the same empty aggregate at first, so all but one lost at least once.
    assert.ok(results.reduce((n, r) => n + r.attempts, 0) >= 20 + 19, 'losers retried');
    assert.deepEqual(results.map((r) => r.version).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
    assert.deepEqual(await versions(store, 'hot'), Array.from({ length: 20 }, (_, i) => i + 1));
    const loaded = await store.load('counter', 'hot', deciderReducer(counterDecider));
    assert.equal(loaded.version, 20);
    assert.equal(loaded.state.total, (20 * 21) / 2);
    assert.equal(loaded.handledCommands.size, 20);
  });

  it('runs the same command twice as one commit inside the duplicate window', async () => {
    const first = await add(store, 'twice', 'same-cmd', 4);
    const second = await add(store, 'twice', 'same-cmd', 4);
    assert.equal(first.duplicate, false);
    assert.equal(second.duplicate, true);
    assert.deepEqual(second.events, []);
    assert.equal(second.state.total, 4);
    assert.deepEqual(await versions(store, 'twice'), [1]);
  });

  it('two racing copies of one command produce one commit', async () => {
    const [a, b] = await Promise.all([add(store, 'racing-twins', 'twin-cmd'), add(store, 'racing-twins', 'twin-cmd')]);
    assert.equal([a, b].filter((r) => r.duplicate).length, 1);
    assert.deepEqual(await versions(store, 'racing-twins'), [1]);
  });

  it('remembers a command after the server-side duplicate window has passed', async () => {
    // Long enough that two publishes in a row on a busy machine still fall inside it.
    const windowMs = 1000;
    const short = await EventStore.open(t.nc, { stream: `${t.prefix}_EVT_SHORT`, subjectPrefix: `${t.prefix}.short`, duplicateWindowMs: windowMs });
    const first = await add(short, 'late', 'late-cmd', 2);
    assert.equal(first.duplicate, false);
    // Prove the window really expired: the server itself no longer recognises a repeated message id.
    const js = jetstream(t.nc);
    const probe = `${t.prefix}.short.probe.p1`;
    assert.equal((await js.publish(probe, new Uint8Array(), { msgID: 'probe' })).duplicate, false);
    assert.equal((await js.publish(probe, new Uint8Array(), { msgID: 'probe' })).duplicate, true);
    // A repeat inside the window is dropped without restarting it, so polling ends once the window has passed.
    await eventually(async () => assert.equal((await js.publish(probe, new Uint8Array(), { msgID: 'probe' })).duplicate, false), {
      timeoutMs: windowMs * 30,
      intervalMs: windowMs / 4,
    });

    const again = await add(short, 'late', 'late-cmd', 2);
    assert.equal(again.duplicate, true);
    assert.equal(again.state.total, 2);
    assert.deepEqual(await versions(short, 'late'), [1]);
  });

  it('passes a rejected command straight to the caller and appends nothing', async () => {
    await add(store, 'limited', 'l1', 5);
    await assert.rejects(
      handleCommand(store, counterDecider, { aggregateType: 'counter', aggregateId: 'limited', command: { type: 'Add', amount: 6, limit: 10 }, meta: meta('l2') }),
      (err: unknown) => err instanceof ConflictError && err.code === 'COUNTER.LIMIT',
    );
    assert.deepEqual(await versions(store, 'limited'), [1]);
  });

  it('appends nothing for a command that decides no events', async () => {
    const r = await add(store, 'noop', 'n1', 0);
    assert.deepEqual([r.events.length, r.version, r.duplicate], [0, 0, false]);
    assert.deepEqual(await versions(store, 'noop'), []);
  });

  it('accepts the #vorch/contracts Decider, whose initial state is a factory', async () => {
    const factory: ContractsDecider<CounterCommand, CounterEvent, CounterState> = { ...counterDecider, initialState: () => ({ total: 100, adds: 0 }) };
    const r = await handleCommand(store, factory, { aggregateType: 'counter', aggregateId: 'factory', command: { type: 'Add', amount: 1 }, meta: meta('f1') });
    assert.equal(r.state.total, 101);
  });
});
