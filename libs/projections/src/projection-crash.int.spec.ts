import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { eventually } from '#vorch/testing';
import { projectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.js';

const workerPath = fileURLToPath(new URL('./testing/projection-worker.js', import.meta.url));

describe('a projection process killed with SIGKILL while it projects', () => {
  let bed: ProjectionTestBed;
  const workers: ChildProcess[] = [];

  beforeEach(async () => {
    bed = await projectionTestBed();
  });
  afterEach(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await bed.cleanup();
  });

  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--enable-source-maps', workerPath], {
      env: {
        ...process.env,
        NATS_URL: bed.t.url,
        DATABASE_URL: bed.database.url,
        PROJECTION_NAME: bed.projection.name,
        PROJECTION_STREAM: bed.projection.stream,
        PROJECTION_FILTER: bed.projection.filterSubject,
        PROJECTION_BATCH: '50',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    workers.push(child);
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    await eventually(() => assert.match(out, /ready/), { timeoutMs: 20000 });
    return child;
  }

  async function checkpointInDb(): Promise<number> {
    const rows = (await bed.db.query('select last_seq from projection_checkpoints where name = $1', [bed.projection.name])) as Array<{ last_seq: string }>;
    return rows.length ? Number(rows[0]!.last_seq) : 0;
  }

  async function kill(child: ChildProcess): Promise<void> {
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  it('loses nothing and doubles nothing: the read model equals the published events and a rebuild from zero', async () => {
    const total = 3000;
    const aggregates = 40;
    const commits = Array.from({ length: total }, (_, i) => ({
      aggregateType: 'acct',
      aggregateId: `a${String(i % aggregates).padStart(2, '0')}`,
      events: [{ type: 'Counted', data: { amount: i + 1 } }],
    }));
    const expected = Array.from({ length: aggregates }, (_, k) => {
      const amounts = commits.map((_, i) => i + 1).filter((_, i) => i % aggregates === k);
      return { aggregate_id: `a${String(k).padStart(2, '0')}`, events: amounts.length, total: amounts.reduce((s, x) => s + x, 0) };
    });

    // 1. a worker projects while the events are being published; it is killed twice in the middle of the stream
    let worker = await startWorker();
    const published = bed.events.appendMany(commits, 128);
    await eventually(async () => assert.ok((await checkpointInDb()) > 400), { timeoutMs: 60000, intervalMs: 5 });
    await kill(worker);
    const atFirstKill = await checkpointInDb();
    worker = await startWorker();
    await eventually(async () => assert.ok((await checkpointInDb()) > atFirstKill + 800), { timeoutMs: 60000, intervalMs: 5 });
    await kill(worker);
    const last = await published;
    const atSecondKill = await checkpointInDb();
    assert.ok(atSecondKill < last, `the second kill came before the end of the stream (${atSecondKill} < ${last})`);

    // 2. a fresh worker catches up
    worker = await startWorker();
    await eventually(async () => assert.equal(await checkpointInDb(), last), { timeoutMs: 60000, intervalMs: 50 });
    assert.deepEqual(await bed.projection.rows(bed.db), expected);
    worker.kill('SIGTERM');
    await once(worker, 'exit');

    // 3. the same read model again from zero
    const runner = bed.runner({ batchSize: 200 });
    await runner.rebuild();
    assert.deepEqual(await bed.projection.rows(bed.db), expected);
  });
});
