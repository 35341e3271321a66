import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RebuildOutcomeView } from './projection-status.views.js';
import { newerRebuildOutcome } from './newer-rebuild-outcome.js';

const outcome = (finishedAt: string, o: RebuildOutcomeView['outcome'] = 'completed'): RebuildOutcomeView => ({
  outcome: o, applied: 1, total: 1, startedAt: '2026-11-25T10:00:00.000Z', finishedAt,
});

describe('newerRebuildOutcome', () => {
  it('keeps whichever rebuild finished last, and whichever exists when only one does', () => {
    const early = outcome('2026-11-25T10:01:00.000Z');
    const late = outcome('2026-11-25T10:02:00.000Z', 'failed');
    assert.equal(newerRebuildOutcome(early, late), late);
    assert.equal(newerRebuildOutcome(late, early), late);
    assert.equal(newerRebuildOutcome(undefined, early), early);
    assert.equal(newerRebuildOutcome(early, undefined), early);
    assert.equal(newerRebuildOutcome(undefined, undefined), undefined);
  });
});
