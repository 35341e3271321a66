// npm run bench -- eventstore
// Appends through the event store (per-aggregate concurrency check + Nats-Msg-Id) against raw JetStream publishes of the
// same size and concurrency on the same server in the same run, and load latency of a 10,000-event aggregate with and
// without a snapshot. `<case>-raw-with-checks` publishes the raw payload with the store's two headers: it shows how much
// of the gap is the server's checks rather than the store's own work.
import { randomBytes } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, StorageType, type JetStreamClient } from '@nats-io/jetstream';
import { encodeCommit, newId, type CommandMeta } from '#vorch/contracts';
import { EventStore, type Reducer } from '#vorch/eventstore';
import { natsUrl } from '#vorch/testing';
import { benchReporter, percentile } from './bench-report.js';

const SLICES = 18;
const run = `bench${randomBytes(3).toString('hex')}`;
const STREAM = `${run.toUpperCase()}_EVT`;
const RAW_STREAM = `${run.toUpperCase()}_RAW`;
const BUCKET = `${run}_snapshots`;
const data = { amount: 1, note: 'x'.repeat(64) };
// Command ids arrive with the command; making them is not the store's cost.
let commands = 0;
const meta = (): CommandMeta => ({ commandId: `${run}-${++commands}`, tenantId: 'bench', correlationId: `${run}-corr` });
const count: Reducer<number> = { initialState: 0, evolve: (s) => s + 1 };

const emit = benchReporter('eventstore');


/** `chains` concurrent sequences of `perChain` awaited operations each. */
async function chainsOf(chains: number, perChain: number, op: (chain: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: chains }, async (_, c) => {
      for (let i = 0; i < perChain; i++) await op(c);
    }),
  );
}

/**
 * Raw publishes and appends alternate in short slices and each side's time is summed, so both see the same
 * background load: on a shared 2-core machine other work comes and goes within seconds.
 */
async function appendCase(name: string, store: EventStore, js: JetStreamClient, chains: number, perSlice: number, payload: Uint8Array) {
  const heads = Array.from({ length: chains }, () => ({ seq: 0, version: 0 }));
  const checkedHeads = Array.from({ length: chains }, () => 0);
  const ms = { raw: 0, checked: 0, store: 0 };
  const raw = () =>
    chainsOf(chains, perSlice, async (c) => {
      await js.publish(`${run}.raw.${name}.a${c}`, payload);
    });
  // What the server's checks alone cost: raw payload, but with the store's two headers (message id, expected sequence).
  const checked = () =>
    chainsOf(chains, perSlice, async (c) => {
      const ack = await js.publish(`${run}.raw.${name}-checked.a${c}`, payload, {
        msgID: `${run}-checked-${++commands}`,
        expect: { lastSubjectSequence: checkedHeads[c]! },
      });
      checkedHeads[c] = ack.seq;
    });
  const append = () =>
    chainsOf(chains, perSlice, async (c) => {
      const h = heads[c]!;
      const r = await store.append({
        aggregateType: name, aggregateId: `a${c}`, expectedSeq: h.seq, expectedVersion: h.version,
        meta: meta(), events: [{ type: 'Added', data }],
      });
      h.seq = r.seq;
      h.version = r.version;
    });
  const sides = { raw, checked, store: append };
  const order = Object.keys(sides) as Array<keyof typeof sides>;
  for (let slice = 0; slice < SLICES; slice++) {
    // rotate which side goes first, so none always inherits another's leftovers (GC, server flushes)
    for (const side of [...order.slice(slice % 3), ...order.slice(0, slice % 3)]) {
      const t0 = performance.now();
      await sides[side]();
      ms[side] += performance.now() - t0;
    }
  }
  const ops = SLICES * chains * perSlice;
  const perSecond = (total: number) => ops / (total / 1000);
  emit(name, perSecond(ms.store), 'events/s', perSecond(ms.raw));
  emit(`${name}-raw-with-checks`, perSecond(ms.checked), 'msgs/s', perSecond(ms.raw));
}

async function loadCase(nc: NatsConnection, plain: EventStore) {
  // 1. a 10,000-event aggregate, one event per commit as commands usually write them
  let head = { seq: 0, version: 0 };
  const heads = Array.from({ length: 10_000 });
  for (const _ of heads) {
    const r = await plain.append({ aggregateType: 'big', aggregateId: 'b1', expectedSeq: head.seq, expectedVersion: head.version, meta: meta(), events: [{ type: 'Added', data }] });
    head = { seq: r.seq, version: r.version };
  }
  // 2. replay from the start every time
  const replay: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    const l = await plain.load('big', 'b1', count);
    replay.push(performance.now() - t0);
    if (l.state !== 10_000) throw new Error(`replayed ${l.state} events`);
  }
  // 3. from a snapshot (the first load writes it)
  const snapshotted = await EventStore.open(nc, { stream: STREAM, subjectPrefix: `${run}.evt`, snapshotBucket: BUCKET });
  await snapshotted.load('big', 'b1', count);
  const fromSnapshot: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    const l = await snapshotted.load('big', 'b1', count);
    fromSnapshot.push(performance.now() - t0);
    if (l.state !== 10_000 || l.stats.snapshot !== 'hit') throw new Error('snapshot not used');
  }
  emit('load-10000-events-replay-p50', percentile(replay, 50), 'ms');
  emit('load-10000-events-replay-p99', percentile(replay, 99), 'ms');
  emit('load-10000-events-snapshot-p50', percentile(fromSnapshot, 50), 'ms', percentile(replay, 50));
  emit('load-10000-events-snapshot-p99', percentile(fromSnapshot, 99), 'ms', percentile(replay, 99));
}

async function main() {
  // Connected as the services are (see connectNats), so the figures are the ones a service sees.
  const nc = await connect({ servers: natsUrl(), name: 'eventstore-bench', noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  try {
    const store = await EventStore.open(nc, { stream: STREAM, subjectPrefix: `${run}.evt` });
    // the raw baseline stream is configured like the event stream (file storage, same duplicate window)
    await jsm.streams.add({ name: RAW_STREAM, subjects: [`${run}.raw.>`], storage: StorageType.File, allow_direct: true, duplicate_window: 120e9 });
    const js = jsm.jetstream();
    const sample = encodeCommit({
      commandId: `${run}-100000`,
      events: [{ id: newId(), type: 'Added', schemaVersion: 1, aggregateId: 'a999', aggregateType: 'append-1000-aggregates', version: 10, occurredAt: new Date().toISOString(), tenantId: 'bench', correlationId: `${run}-corr`, causationId: `${run}-100000`, data }],
    });
    const payload = new Uint8Array(sample.length).fill(120);
    await appendCase('append-1-aggregate', store, js, 1, 200, payload);
    await appendCase('append-1000-aggregates', store, js, 1000, 2, payload);
    await loadCase(nc, store);
  } finally {
    for (const name of [STREAM, RAW_STREAM, `KV_${BUCKET}`]) await jsm.streams.delete(name).catch(() => {});
    await nc.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
