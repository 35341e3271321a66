import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { projectionTestBed, type ProjectionTestBed } from './testing/projection-test-bed.js';
import type { RebuildProgress } from './projection.js';

describe('ProjectionRunner.rebuild', () => {
  let bed: ProjectionTestBed;

  beforeEach(async () => {
    bed = await projectionTestBed();
  });
  afterEach(async () => {
    await bed.cleanup();
  });

  const commits = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ aggregateType: 'acct', aggregateId: `a${i % 7}`, events: [{ type: 'Counted', data: { amount: i } }] }));

  it('replays from zero while running, reports progress up to the total, and produces the same read model', async () => {
    const runner = bed.runner({ batchSize: 40 });
    await runner.start();
    const last = await bed.events.appendMany(commits(600));
    await runner.waitForSeq(last, 20000);
    const before = await bed.projection.rows(bed.db);
    // damage the read model: a rebuild must start from an empty one, not add to it
    await bed.db.query(`update ${bed.projection.table} set total = total + 1000`);

    const progress: RebuildProgress[] = [];
    await runner.rebuild((p) => progress.push(p));

    assert.deepEqual(await bed.projection.rows(bed.db), before);
    assert.equal(await runner.checkpoint(), last);
    assert.deepEqual(progress[0], { applied: 0, total: 600 });
    assert.deepEqual(progress.at(-1), { applied: 600, total: 600 });
    assert.ok(progress.length >= 600 / 40, `one report per batch, got ${progress.length}`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.applied >= progress[i - 1]!.applied);
    // still running afterwards
    const more = await bed.events.append('acct', 'a0', [{ type: 'Counted', data: { amount: 1 } }]);
    await runner.waitForSeq(more, 30_000);
  });

  it('rebuilds a runner that was not started and leaves it stopped', async () => {
    const last = await bed.events.appendMany(commits(50));
    const runner = bed.runner({ batchSize: 20 });
    let final: RebuildProgress | undefined;
    await runner.rebuild((p) => (final = p));
    assert.deepEqual(final, { applied: 50, total: 50 });
    assert.equal(await runner.checkpoint(), last);
    const rows = await bed.projection.rows(bed.db);
    assert.equal(rows.reduce((s, r) => s + r.events, 0), 50);
    const extra = await bed.events.append('acct', 'a0', [{ type: 'Counted', data: { amount: 1 } }]);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok((await runner.checkpoint()) < extra, 'a stopped runner applies nothing');
  });

  it('finishes at once with {0,0} on an empty stream', async () => {
    const runner = bed.runner();
    const progress: RebuildProgress[] = [];
    await runner.rebuild((p) => progress.push(p));
    assert.deepEqual(progress, [{ applied: 0, total: 0 }]);
  });
});
