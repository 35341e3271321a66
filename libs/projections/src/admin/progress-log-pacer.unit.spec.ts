import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProgressLogPacer } from './progress-log-pacer.js';

describe('ProgressLogPacer', () => {
  it('logs the first report, each further tenth and the end, not every batch', () => {
    const pacer = new ProgressLogPacer(60_000);
    const logged = [0, 40, 99, 100, 150, 199, 200, 550, 560, 990, 1000].filter((applied) => pacer.shouldLog(applied, 1000, 0));
    assert.deepEqual(logged, [0, 100, 200, 550, 990, 1000]);
  });

  it('logs at least every interval while the tenth does not change', () => {
    const pacer = new ProgressLogPacer(5000);
    assert.equal(pacer.shouldLog(0, 1_000_000, 0), true);
    assert.equal(pacer.shouldLog(10, 1_000_000, 4999), false);
    assert.equal(pacer.shouldLog(20, 1_000_000, 5000), true);
    assert.equal(pacer.shouldLog(30, 1_000_000, 6000), false);
  });

  it('copes with an unknown or empty total', () => {
    const pacer = new ProgressLogPacer(5000);
    assert.equal(pacer.shouldLog(0, null, 0), true);
    assert.equal(pacer.shouldLog(5, null, 100), false);
    assert.equal(new ProgressLogPacer().shouldLog(0, 0, 0), true);
  });
});
