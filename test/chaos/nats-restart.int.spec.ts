import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ConcurrencyError, UnavailableError, type CommandMeta } from '#vorch/contracts';
import { EventStore, handleCommand, type Decider } from '#vorch/eventstore';
import { eventually, privateNats, type PrivateServer } from '#vorch/testing';

type Add = { type: 'Add' };
type Added = { type: 'Added'; data: { n: number } };
const counter: Decider<Add, Added, number> = {
  initialState: () => 0,
  decide: (_c, s) => [{ type: 'Added', data: { n: s + 1 } }],
  evolve: (s) => s + 1,
};

const meta = (commandId: string): CommandMeta => ({ commandId, tenantId: 'chaos', correlationId: commandId });

/**
 * Writers append under load while the NATS server is killed with SIGKILL and started again on the same data
 * folder. Each writer retries a failed command with the same command id, as a client whose reply was lost would.
 */
describe('event store across a NATS crash and restart', () => {
  let server: PrivateServer;
  let nc: NatsConnection;
  let store: EventStore;

  before(async () => {
    server = await privateNats();
    nc = await connect({ servers: server.url, name: 'chaos', maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    store = await EventStore.open(nc, {
      stream: 'EVT_CHAOS',
      subjectPrefix: 'evt.chaos',
      snapshotBucket: 'SNAP_CHAOS',
      snapshotEvery: 25,
      requestTimeoutMs: 1000,
    });
  });

  after(async () => {
    await nc?.close().catch(() => {});
    await server?.destroy();
  });

  it('loses no acknowledged append and doubles no retried command over two SIGKILL restarts', { timeout: 120_000 }, async (t) => {
    const acked = new Map<string, string>(); // commandId -> aggregateId
    const unexpected: unknown[] = [];
    let retries = 0;
    let recognised = 0; // retries whose first attempt had been stored after all
    let running = true;
    // six writers on aggregates of their own, two more sharing one, so retries meet concurrency conflicts too
    const plan = ['own-0', 'own-1', 'own-2', 'own-3', 'own-4', 'own-5', 'shared', 'shared'];
    const writers = plan.map(async (aggregateId, w) => {
      for (let i = 0; running; i++) {
        const commandId = `w${w}-c${i}`;
        for (let attempt = 1; ; attempt++) {
          try {
            const r = await handleCommand(store, counter, { aggregateType: 'counter', aggregateId, command: { type: 'Add' }, meta: meta(commandId) });
            if (r.duplicate && attempt > 1) recognised++;
            acked.set(commandId, aggregateId);
            break;
          } catch (err) {
            if (!(err instanceof UnavailableError || err instanceof ConcurrencyError)) unexpected.push(err);
            retries++;
            await sleep(50);
          }
        }
      }
    });

    const ackedAtKill: number[] = [];
    const phases: string[] = [];
    // Each phase lasts at least 1.5 s and until the writers have been acknowledged again: a busy machine may need
    // longer to reconnect, and a kill before any progress would prove nothing.
    const runWithProgress = async (since: number) => {
      await sleep(1500);
      await eventually(() => assert.ok(acked.size > since, `no progress since ${since}`), { timeoutMs: 60_000, intervalMs: 100 });
    };
    for (let cycle = 0; cycle < 2; cycle++) {
      await runWithProgress(acked.size);
      ackedAtKill.push(acked.size);
      await server.stop('SIGKILL');
      // down for longer than the publish timeout: requests written before the crash or buffered by the client
      // during it time out, yet some of them are stored when the client flushes after reconnecting
      await sleep(1500);
      const restarting = performance.now();
      await server.restart();
      phases.push(`restart ${Math.round(performance.now() - restarting)} ms`);
    }
    await runWithProgress(ackedAtKill[1]!);
    running = false;
    const stopping = performance.now();
    await Promise.all(writers);
    phases.push(`writers stopped in ${Math.round(performance.now() - stopping)} ms`);

    t.diagnostic(`acknowledged ${acked.size} commands (${ackedAtKill.join(", ")} at the kills), ${retries} failed attempts retried, ${recognised} retries found already stored; ${phases.join(', ')}`);
    assert.deepEqual(unexpected, [], 'every failure was a typed Unavailable or Concurrency error');
    assert.ok(ackedAtKill[0]! > 0 && acked.size > ackedAtKill[1]!, `writers made progress before and after the crashes: ${ackedAtKill} ${acked.size}`);
    assert.ok(retries > 0, 'the crashes were felt by the writers');

    for (const aggregateId of new Set(plan)) {
      const commandIds: string[] = [];
      const versions: number[] = [];
      for await (const { commit } of store.readAggregate('counter', aggregateId)) {
        commandIds.push(commit.commandId);
        versions.push(...commit.events.map((e) => e.version));
      }
      assert.equal(new Set(commandIds).size, commandIds.length, `${aggregateId}: no command stored twice`);
      assert.deepEqual(versions, Array.from({ length: versions.length }, (_, i) => i + 1), `${aggregateId}: versions without gaps`);
      const stored = new Set(commandIds);
      const lost = [...acked].filter(([id, agg]) => agg === aggregateId && !stored.has(id));
      assert.deepEqual(lost, [], `${aggregateId}: every acknowledged append survived`);
    }

    // Clients retrying after the crash with commands that were acknowledged before it: nothing is applied twice,
    // neither through the aggregate's memory (handleCommand) nor through the server's rebuilt duplicate window.
    const replays = [...acked].slice(0, 40);
    for (const [commandId, aggregateId] of replays) {
      const again = await handleCommand(store, counter, { aggregateType: 'counter', aggregateId, command: { type: 'Add' }, meta: meta(commandId) });
      assert.equal(again.duplicate, true, `${commandId} ran twice`);
    }
    const [firstId, firstAggregate] = replays[0]!;
    const head = await store.load('counter', firstAggregate, { initialState: 0, evolve: (s: number) => s + 1 });
    const raw = await store.append({
      aggregateType: 'counter', aggregateId: firstAggregate, expectedSeq: head.seq, expectedVersion: head.version,
      meta: meta(firstId), events: [{ type: 'Added', data: { n: 0 } }],
    });
    assert.equal(raw.duplicate, true, 'the server still knows the message id after the crash');
  });
});
