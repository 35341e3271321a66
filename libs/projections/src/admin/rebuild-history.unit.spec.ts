import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RebuildOutcomeView } from '#vorch/contracts';
import { newerOutcome } from './rebuild-history.js';

const outcome = (finishedAt: string, o: RebuildOutcomeView['outcome'] = 'completed'): RebuildOutcomeView => ({
  outcome: o, applied: 1, total: 1, startedAt: '2026-11-25T10:00:00.000Z', finishedAt,
});

describe('newerOutcome', () => {
  it('keeps whichever rebuild finished last, and whichever exists when only one does', () => {
    const early = outcome('2026-11-25T10:01:00.000Z');
    const late = outcome('2026-11-25T10:02:00.000Z', 'failed');
    assert.equal(newerOutcome(early, late), late);
    assert.equal(newerOutcome(late, early), late);
    assert.equal(newerOutcome(undefined, early), early);
    assert.equal(newerOutcome(early, undefined), early);
    assert.equal(newerOutcome(undefined, undefined), undefined);
  });
});
