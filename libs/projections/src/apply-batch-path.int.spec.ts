import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import { ProjectionRunner } from './projection-runner.js';
import { projectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.js';
import { BatchedCountingProjection } from './testing/batched-counting-projection.js';

describe('a projection with the applyBatch fast path', () => {
  let bed: ProjectionTestBed;
  let projection: BatchedCountingProjection;
  let runner: ProjectionRunner | undefined;

  beforeEach(async () => {
    bed = await projectionTestBed();
    projection = new BatchedCountingProjection(bed.projection.name, bed.projection.stream, bed.projection.filterSubject);
  });
  afterEach(async () => {
    await runner?.stop();
    await bed.cleanup();
  });

  const commits = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ aggregateType: 'acct', aggregateId: `a${i % 3}`, events: [{ type: 'Counted', data: { amount: i + 1 } }] }));

  it('applies whole batches with the same result as event by event', async () => {
    const last = await bed.events.appendMany(commits(300));
    runner = new ProjectionRunner({ nc: bed.t.nc, db: bed.db, projection, batchSize: 100 });
    await runner.start();
    await runner.waitForSeq(last, 10000);
    const expected = [0, 1, 2].map((k) => {
      const amounts = Array.from({ length: 300 }, (_, i) => i + 1).filter((_, i) => i % 3 === k);
      return { aggregate_id: `a${k}`, events: amounts.length, total: amounts.reduce((s, x) => s + x, 0) };
    });
    assert.deepEqual(await projection.rows(bed.db), expected);
  });

  it('isolates the failing event of a batch, commits what precedes it and records exactly that one', async () => {
    const last = await bed.events.appendMany(commits(40));
    const poison = last - 15;
    projection.failWhen = (_e, pos) => pos.seq === poison;
    runner = new ProjectionRunner({ nc: bed.t.nc, db: bed.db, projection, batchSize: 100, retryDelayMs: 10, maxAttempts: 2 });
    await runner.start();
    await eventually(() => assert.equal(runner!.stoppedAt, poison), { timeoutMs: 10000 });
    assert.equal(await runner.checkpoint(), poison - 1);
    const failures = await runner.failures();
    assert.deepEqual(
      failures.map((f) => [f.seq, f.attempts]),
      [[poison, 2]],
    );
    const applied = (await projection.rows(bed.db)).reduce((s, r) => s + r.events, 0);
    assert.equal(applied, 40 - 16, 'the 24 commits before the poison, once each');
  });
});
