import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { jetstreamManager } from '@nats-io/jetstream';
import { UpcasterRegistry } from '#vorch/contracts';
import { eventually } from '#vorch/testing';
import { projectionTestBed, metricValue, type ProjectionTestBed } from './testing/projection-test-bed.js';
import { ProjectionStoppedError, ProjectionWaitTimeoutError } from './projection-errors.js';

const counted = (amount: number) => [{ type: 'Counted', data: { amount } }];

describe('ProjectionRunner over real NATS and PostgreSQL', () => {
  let bed: ProjectionTestBed;

  beforeEach(async () => {
    bed = await projectionTestBed();
  });
  afterEach(async () => {
    await bed.cleanup();
  });

  it('applies commits, checkpoints the last sequence and serves read-your-writes', async () => {
    const runner = bed.runner({ batchSize: 10 });
    await runner.start();
    await bed.events.append('acct', 'a', counted(5));
    await bed.events.append('acct', 'b', [
      { type: 'Counted', data: { amount: 1 } },
      { type: 'Counted', data: { amount: 2 } },
    ]);
    const last = await bed.events.append('acct', 'a', counted(7));
    await runner.waitForSeq(last, 30_000);
    assert.deepEqual(await bed.projection.rows(bed.db), [
      { aggregate_id: 'a', events: 2, total: 12 },
      { aggregate_id: 'b', events: 2, total: 3 },
    ]);
    assert.equal(await runner.checkpoint(), last);
    const rows = await bed.db.query('select name, last_seq from projection_checkpoints');
    assert.deepEqual(rows, [{ name: bed.projection.name, last_seq: String(last) }]);
  });

  it('rolls a whole batch back with its checkpoint when an apply throws halfway, then catches up exactly once after the fix', async () => {
    // 1. twenty commits; the first apply is held until the other nineteen wait in the runner, so they form the next
    //    batch, in which the tenth commit of the stream (the 9th of that batch) is refused
    const commits = Array.from({ length: 20 }, (_, i) => ({ aggregateType: 'acct', aggregateId: `a${i % 4}`, events: counted(i + 1) }));
    const last = await bed.events.appendMany(commits);
    const first = last - 19;
    const poisonSeq = first + 9;
    let release!: () => void;
    bed.projection.gate = new Promise<void>((r) => (release = r));
    // Counted at the first refusal: a busy machine may run the retry before the checks below.
    let callsAtRefusal: number | undefined;
    bed.projection.failWhen = (_e, pos) => {
      if (pos.seq !== poisonSeq) return false;
      callsAtRefusal ??= bed.projection.calls;
      return true;
    };
    const runner = bed.runner({ batchSize: 50, retryDelayMs: 3000, maxAttempts: 10 });
    await runner.start();
    await eventually(() => assert.equal(bed.projection.calls, 1));
    const jsm = await jetstreamManager(bed.t.nc);
    await eventually(async () => assert.equal((await jsm.consumers.info(bed.projection.stream, bed.projection.name)).num_pending, 0));
    bed.projection.gate = undefined;
    release();
    // 2. after the rollback (the error counter moves after it) and before the retry: only the first batch is visible
    await eventually(async () => assert.equal(await metricValue('vorch_projection_apply_errors_total', bed.projection.name), 1), { timeoutMs: 30_000, intervalMs: 10 });
    assert.equal(callsAtRefusal, 10, 'the eight commits before the failing one were applied inside the rolled-back transaction');
    assert.deepEqual(await bed.projection.rows(bed.db), [{ aggregate_id: 'a0', events: 1, total: 1 }]);
    assert.equal(await runner.checkpoint(), first);
    // 3. the fix: the retry applies everything, once
    bed.projection.failWhen = undefined;
    await runner.waitForSeq(last, 30_000);
    const expected = [0, 1, 2, 3].map((k) => {
      const amounts = commits.map((_, i) => i + 1).filter((_, i) => i % 4 === k);
      return { aggregate_id: `a${k}`, events: amounts.length, total: amounts.reduce((s, x) => s + x, 0) };
    });
    assert.deepEqual(await bed.projection.rows(bed.db), expected);
    assert.equal(await runner.checkpoint(), last);
  });

  it('stops on a poison event after bounded retries, records it, and resumes after a restart once fixed', async () => {
    const first = await bed.events.append('acct', 'a', counted(1));
    const poison = await bed.events.append('acct', 'b', [{ type: 'Counted', data: { amount: 2 } }]);
    const later = await bed.events.append('acct', 'c', counted(3));
    bed.projection.failWhen = (e) => e.aggregateId === 'b';
    const runner = bed.runner({ batchSize: 10, retryDelayMs: 20, maxAttempts: 3 });
    await runner.start();
    await eventually(() => assert.equal(runner.stoppedAt, poison), { timeoutMs: 10000 });
    // the event before the poison is committed on its own; nothing after it is applied; nothing is skipped
    assert.equal(await runner.checkpoint(), first);
    assert.deepEqual((await bed.projection.rows(bed.db)).map((r) => r.aggregate_id), ['a']);
    const failures = await runner.failures();
    assert.equal(failures.length, 1);
    assert.equal(failures[0]!.seq, poison);
    assert.equal(failures[0]!.subject, `${bed.events.subjectPrefix}.acct.b`);
    assert.equal(failures[0]!.attempts, 3);
    assert.match(failures[0]!.error, /refusing Counted/);
    assert.equal(await metricValue('vorch_projection_stopped', bed.projection.name), 1);
    await assert.rejects(runner.waitForSeq(later, 500), ProjectionStoppedError);
    // it stays stopped: no spinning
    const calls = bed.projection.calls;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bed.projection.calls, calls);
    // after the fix, a restart picks the same event up again
    bed.projection.failWhen = undefined;
    await runner.start();
    await runner.waitForSeq(later, 30_000);
    assert.deepEqual((await bed.projection.rows(bed.db)).map((r) => r.aggregate_id), ['a', 'b', 'c']);
    assert.equal(await metricValue('vorch_projection_stopped', bed.projection.name), 0);
  });

  it('resumes from the checkpoint after a stop without applying anything twice', async () => {
    const runner = bed.runner({ batchSize: 7 });
    await runner.start();
    const firstHalf = await bed.events.appendMany(Array.from({ length: 50 }, () => ({ aggregateType: 'acct', aggregateId: 'x', events: counted(1) })));
    await runner.waitForSeq(firstHalf, 30_000);
    await runner.stop();
    const last = await bed.events.appendMany(Array.from({ length: 50 }, () => ({ aggregateType: 'acct', aggregateId: 'x', events: counted(2) })));
    const again = bed.runner({ batchSize: 7 });
    await again.start();
    await again.waitForSeq(last, 30_000);
    assert.deepEqual(await bed.projection.rows(bed.db), [{ aggregate_id: 'x', events: 100, total: 150 }]);
  });

  it('passes events through the upcasters before apply', async () => {
    // version 1 of Counted carried `value`; version 2 renamed it to `amount`
    const upcasters = new UpcasterRegistry().register('Counted', 1, (d) => ({ amount: (d as { value: number }).value }));
    const runner = bed.runner({ upcasters });
    await runner.start();
    await bed.events.append('acct', 'old', [{ type: 'Counted', data: { value: 4 }, schemaVersion: 1 }]);
    const last = await bed.events.append('acct', 'new', [{ type: 'Counted', data: { amount: 6 }, schemaVersion: 2 }]);
    await runner.waitForSeq(last, 30_000);
    assert.deepEqual(await bed.projection.rows(bed.db), [
      { aggregate_id: 'new', events: 1, total: 6 },
      { aggregate_id: 'old', events: 1, total: 4 },
    ]);
  });

  it('times out a wait for a sequence the read model does not reach', async () => {
    const runner = bed.runner();
    const seq = await bed.events.append('acct', 'a', counted(1));
    await assert.rejects(runner.waitForSeq(seq, 300), (err: unknown) => err instanceof ProjectionWaitTimeoutError && err.code === 'PROJECTION.WAIT_TIMEOUT');
  });

  it('keeps a second replica on standby and lets it take over where the leader stopped', async () => {
    const leader = bed.runner({ batchSize: 5 });
    const standby = bed.runner({ batchSize: 5 });
    await leader.start();
    await standby.start();
    const mid = await bed.events.appendMany(Array.from({ length: 30 }, () => ({ aggregateType: 'acct', aggregateId: 'y', events: counted(1) })));
    await leader.waitForSeq(mid, 30_000);
    await leader.stop();
    const last = await bed.events.appendMany(Array.from({ length: 30 }, () => ({ aggregateType: 'acct', aggregateId: 'y', events: counted(1) })));
    await standby.waitForSeq(last, 30_000);
    assert.deepEqual(await bed.projection.rows(bed.db), [{ aggregate_id: 'y', events: 60, total: 60 }]);
  });
});
