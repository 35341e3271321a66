// Projection throughput and lag (the runner from #vorch/projections against the shared NATS and PostgreSQL). Prints one JSON line per case:
//   apply-events  events/s a projection applies to PostgreSQL (baseline: raw batched INSERTs into a similar table)
//   apply-events-batched  the same through the applyBatch fast path (one multi-row INSERT per batch)
//   lag-p50/p99   ms from publish to committed in the read model (applyBatch projection, in its own process), at a
//                 steady 5,000 events/s; lag-publish-rate is the rate actually held
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { encodeCommit, newId, type EventEnvelope } from '#vorch/contracts';
import { createDataSource, ProjectionRunner, type PositionedEvent, type Projection } from '#vorch/projections';
import { testDatabase } from '#vorch/testing';

const APPLY_EVENTS = Number(process.env.BENCH_APPLY_EVENTS ?? 20000);
const LAG_RATE = 5000;
const LAG_SECONDS = Number(process.env.BENCH_LAG_SECONDS ?? 10);
const BATCH = 500;

class InsertProjection implements Projection {
  constructor(
    readonly name: string,
    readonly stream: string,
    readonly filterSubject: string,
    private readonly table: string,
  ) {}
  get tableName() {
    return this.table;
  }
  async setup(db: EntityManager) {
    await db.query(`create table if not exists ${this.table} (id text primary key, aggregate_id text not null, amount int not null, seq bigint not null)`);
  }
  async apply(e: EventEnvelope, db: EntityManager, pos: { seq: number }) {
    await db.query(`insert into ${this.table} (id, aggregate_id, amount, seq) values ($1, $2, $3, $4)`, [e.id, e.aggregateId, (e.data as { amount: number }).amount, pos.seq]);
  }
  async reset(db: EntityManager) {
    await db.query(`truncate ${this.table}`);
  }
}

/** The same read model through the applyBatch fast path: one multi-row INSERT per batch. */
class BatchInsertProjection extends InsertProjection {
  async applyBatch(events: ReadonlyArray<PositionedEvent>, db: EntityManager) {
    await db.query(`insert into ${this.tableName} (id, aggregate_id, amount, seq) select * from unnest($1::text[], $2::text[], $3::int[], $4::bigint[])`, [
      events.map((e) => e.event.id),
      events.map((e) => e.event.aggregateId),
      events.map((e) => (e.event.data as { amount: number }).amount),
      events.map((e) => e.position.seq),
    ]);
  }
}

function commitOf(subjectPrefix: string, i: number) {
  const aggregateId = `a${i % 100}`;
  const event: EventEnvelope = {
    id: newId(),
    type: 'Counted',
    schemaVersion: 1,
    aggregateId,
    aggregateType: 'acct',
    version: Math.floor(i / 100) + 1,
    occurredAt: new Date().toISOString(),
    tenantId: 'bench',
    correlationId: 'bench',
    causationId: 'bench',
    data: { amount: i },
  };
  return { subject: `${subjectPrefix}.acct.${aggregateId}`, data: encodeCommit({ commandId: event.id, events: [event] }) };
}

async function makeStream(nc: NatsConnection, name: string, subjectPrefix: string) {
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name, subjects: [`${subjectPrefix}.>`], storage: StorageType.File, allow_direct: true, duplicate_window: 120e9 });
}

function print(c: string, value: number, unit: string, baseline?: number) {
  const line: Record<string, unknown> = { bench: 'projection', case: c, value: Math.round(value * 100) / 100, unit };
  if (baseline !== undefined) Object.assign(line, { baseline: Math.round(baseline), ratio: Math.round((value / baseline) * 100) / 100 });
  console.log(JSON.stringify(line));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function rawInsertBaseline(url: string, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create table raw_events (id text primary key, aggregate_id text not null, amount int not null, seq bigint not null)');
  const started = performance.now();
  for (let i = 0; i < n; i += BATCH) {
    const values: unknown[] = [];
    const tuples: string[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const k = values.length;
      tuples.push(`($${k + 1}, $${k + 2}, $${k + 3}, $${k + 4})`);
      values.push(newId(), `a${j % 100}`, j, j + 1);
    }
    await client.query('begin');
    await client.query(`insert into raw_events (id, aggregate_id, amount, seq) values ${tuples.join(',')}`, values);
    await client.query('commit');
  }
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return n / seconds;
}

async function applyThroughput(nc: NatsConnection, dbUrl: string, tag: string, batched: boolean): Promise<number> {
  const stream = `BENCH_${tag}_APPLY${batched ? 'B' : ''}`;
  const prefix = `bench${tag}.apply${batched ? 'b' : ''}`;
  const Kind = batched ? BatchInsertProjection : InsertProjection;
  await makeStream(nc, stream, prefix);
  const js = jetstream(nc);
  let last = 0;
  for (let i = 0; i < APPLY_EVENTS; i += 256) {
    const acks = await Promise.all(
      Array.from({ length: Math.min(256, APPLY_EVENTS - i) }, (_, j) => {
        const c = commitOf(prefix, i + j);
        return js.publish(c.subject, c.data);
      }),
    );
    last = acks.at(-1)!.seq;
  }
  const db = await createDataSource(dbUrl, { poolSize: 4, name: 'bench' });
  let done!: () => void;
  const caughtUp = new Promise<void>((r) => (done = r));
  const runner = new ProjectionRunner({
    nc,
    db,
    projection: new Kind(`bench_${tag}_apply${batched ? 'b' : ''}`, stream, `${prefix}.>`, batched ? 'batch_projected_events' : 'projected_events'),
    batchSize: BATCH,
    onBatchCommitted: (b) => b.checkpoint >= last && done(),
  });
  const started = performance.now();
  await runner.start();
  await caughtUp;
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await db.destroy();
  await (await jetstreamManager(nc)).streams.delete(stream);
  return APPLY_EVENTS / seconds;
}

interface LagResult {
  p50: number;
  p99: number;
  rate: number;
}

/**
 * The projection runs in a process of its own (as a service would), so the publisher's work does not delay it.
 * The child reports every commit over IPC with its wall-clock time.
 */
async function steadyLag(nc: NatsConnection, dbUrl: string, tag: string): Promise<LagResult> {
  const stream = `BENCH_${tag}_LAG`;
  const prefix = `bench${tag}.lag`;
  await makeStream(nc, stream, prefix);
  const committedAt = new Map<number, number>();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), 'lag-worker'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, LAG_DB: dbUrl, LAG_STREAM: stream, LAG_NAME: `bench_${tag}_lag`, LAG_FILTER: `${prefix}.>` },
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`lag worker exited with ${code}`)));
    child.on('message', (m: { ready?: boolean; seqs?: number[]; at?: number }) => {
      if (m.ready) resolve();
      else for (const s of m.seqs!) committedAt.set(s, m.at!);
    });
  });
  // 1. encode ahead, then publish on a steady schedule: every 5 ms, whatever is due. Core NATS publishes (the stream
  //    stores them all the same) keep the publisher cheap enough to hold the rate on a busy machine; one publisher
  //    on one connection into a fresh stream means message i gets stream sequence i + 1 (checked below).
  const total = LAG_RATE * LAG_SECONDS;
  const messages = Array.from({ length: total }, (_, i) => commitOf(prefix, i));
  const publishedAt = new Array<number>(total);
  const started = Date.now();
  for (let sent = 0; sent < total; ) {
    const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * LAG_RATE));
    for (; sent < due; sent++) {
      publishedAt[sent] = Date.now();
      nc.publish(messages[sent]!.subject, messages[sent]!.data);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await nc.flush();
  const rate = total / ((Date.now() - started) / 1000);
  for (const until = Date.now() + 120000; !committedAt.has(total) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 20));
  const info = await (await jetstreamManager(nc)).streams.info(stream);
  if (info.state.last_seq !== total || info.state.messages !== total || !committedAt.has(total)) {
    throw new Error(`stream holds ${info.state.messages} of ${total} messages; ${committedAt.size} committed`);
  }
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  await exited;
  await (await jetstreamManager(nc)).streams.delete(stream);
  // 2. the first second is warm-up (JIT, connection pool)
  const lags = publishedAt
    .map((at, i) => ({ at, lag: committedAt.get(i + 1)! - at }))
    .filter((p) => p.at - started > 1000)
    .map((p) => p.lag)
    .sort((a, b) => a - b);
  return { p50: percentile(lags, 50), p99: percentile(lags, 99), rate };
}

async function lagWorker(): Promise<void> {
  const env = (k: string) => process.env[k]!;
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'projection-bench-worker' });
  const db = await createDataSource(env('LAG_DB'), { poolSize: 4, name: 'bench-lag' });
  const runner = new ProjectionRunner({
    nc,
    db,
    projection: new BatchInsertProjection(env('LAG_NAME'), env('LAG_STREAM'), env('LAG_FILTER'), 'lag_events'),
    batchSize: BATCH,
    onBatchCommitted: (b) => process.send!({ seqs: b.seqs, at: Date.now() }),
  });
  await runner.start();
  // a benchmark that dies must not leave its worker projecting forever
  process.once('disconnect', () => process.exit(1));
  process.send!({ ready: true });
  process.once('message', () => {
    void (async () => {
      await runner.stop();
      await db.destroy();
      await nc.drain();
      process.exit(0);
    })();
  });
}

async function main() {
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'projection-bench' });
  const database = await testDatabase(process.env.DATABASE_URL);
  const tag = randomBytes(3).toString('hex');
  try {
    const baseline = await rawInsertBaseline(database.url, APPLY_EVENTS);
    const applied = await applyThroughput(nc, database.url, tag, false);
    print('apply-events', applied, 'events/s', baseline);
    const appliedBatched = await applyThroughput(nc, database.url, tag, true);
    print('apply-events-batched', appliedBatched, 'events/s', baseline);
    const lag = await steadyLag(nc, database.url, tag);
    print('lag-p50', lag.p50, 'ms');
    print('lag-p99', lag.p99, 'ms');
    print('lag-publish-rate', lag.rate, 'events/s');
  } finally {
    await database.drop();
    await nc.drain();
  }
}

if (process.argv[2] === 'lag-worker') await lagWorker();
else await main();
