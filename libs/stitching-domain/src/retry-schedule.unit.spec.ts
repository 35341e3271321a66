import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, jitterSample, nextAttemptAt, retryDelayMs } from './retry-schedule.js';

describe('retry schedule', () => {
  const policy = { initialDelayMs: 1_000, multiplier: 2, maxDelayMs: 60_000, jitter: 0.25 };

  it('doubles the delay each attempt, minus at most the jitter fraction', () => {
    for (let attempt = 1; attempt <= 6; attempt++) {
      const full = 1_000 * 2 ** (attempt - 1);
      assert.equal(retryDelayMs(policy, attempt, 0), full);
      assert.equal(retryDelayMs(policy, attempt, 0.999999), Math.round(full * (1 - 0.25 * 0.999999)));
    }
  });

  it('never waits longer than the cap', () => {
    assert.equal(retryDelayMs(policy, 30, 0), 60_000);
    assert.ok(retryDelayMs(policy, 30, 0.5) < 60_000);
  });

  it('derives jitter from a seed: the same seed the same delay, different seeds spread out', () => {
    assert.equal(jitterSample('net-1/paris/3'), jitterSample('net-1/paris/3'));
    const samples = Array.from({ length: 200 }, (_, i) => jitterSample(`net-${i}/paris/1`));
    assert.ok(samples.every((s) => s >= 0 && s < 1));
    assert.ok(new Set(samples).size > 190);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    assert.ok(mean > 0.35 && mean < 0.65, `mean ${mean}`);
  });

  it('turns the clock passed in into the next attempt time', () => {
    const at = nextAttemptAt(DEFAULT_RETRY_POLICY, 1, '2026-01-01T00:00:00.000Z', 'seed');
    const delay = Date.parse(at) - Date.parse('2026-01-01T00:00:00.000Z');
    assert.ok(delay > 800 && delay <= 1_000, `delay ${delay}`);
    assert.throws(() => nextAttemptAt(DEFAULT_RETRY_POLICY, 1, 'yesterday', 'seed'), RangeError);
  });
});
