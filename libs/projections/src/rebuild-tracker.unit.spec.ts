import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RebuildProgress } from './projection.js';
import { RebuildTracker } from './rebuild-tracker.js';

describe('RebuildTracker', () => {
  it('reports progress per committed batch and finishes when the total is applied', async () => {
    const seen: RebuildProgress[] = [];
    const t = new RebuildTracker((p) => seen.push(p));
    t.committed(5); // before the total is known: not counted (nothing can be applied before the replay starts)
    t.begin(10);
    t.committed(4);
    t.committed(6);
    await t.done;
    assert.deepEqual(seen, [
      { applied: 0, total: 10 },
      { applied: 4, total: 10 },
      { applied: 10, total: 10 },
    ]);
  });

  it('finishes at once for an empty stream', async () => {
    const t = new RebuildTracker();
    t.begin(0);
    await t.done;
    assert.equal(t.started, true);
  });

  it('rejects when told the rebuild failed', async () => {
    const t = new RebuildTracker();
    t.begin(3);
    t.fail(new Error('poison'));
    await assert.rejects(t.done, /poison/);
  });
});
