import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, retryAfterMs, type RetryPolicy } from './backoff.js';

const policy: RetryPolicy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it('grows the cap exponentially with each retry', () => {
    const atTop = () => 0.999999;
    assert.deepEqual([0, 1, 2, 3].map((r) => backoffDelay(r, policy, atTop)), [99, 199, 399, 799]);
  });

  it('never exceeds maxDelayMs however many retries', () => {
    assert.equal(backoffDelay(20, policy, () => 0.999999), 999);
  });

  it('draws uniformly below the cap (full jitter), so two callers rarely collide', () => {
    assert.equal(backoffDelay(3, policy, () => 0), 0);
    assert.equal(backoffDelay(3, policy, () => 0.5), 400);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds', () => assert.equal(retryAfterMs('0.25', policy), 250));
  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfterMs('Thu, 01 Jan 2026 00:00:00 GMT', policy, now), 0);
  });
  it('caps a long Retry-After at maxDelayMs', () => assert.equal(retryAfterMs('3600', policy), 1000));
  it('ignores absent or unreadable values', () => {
    assert.equal(retryAfterMs(null, policy), undefined);
    assert.equal(retryAfterMs('soon', policy), undefined);
  });
});
