import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  it('grows the ceiling exponentially and caps it', () => {
    const max = (attempt: number) => retryDelayMs(attempt, () => 0.999999);
    assert.deepEqual([1, 2, 3, 4].map(max), [1, 3, 7, 15]);
    assert.equal(max(30), 999);
  });

  it('can draw zero, so the spread covers the whole range', () => {
    assert.equal(retryDelayMs(5, () => 0), 0);
  });
});
