import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nextRetry } from './retry-policy.js';

const policy = { maxAttempts: 3, retryDelayMs: 100 };

describe('nextRetry', () => {
  it('given no earlier failure, when an event fails, then it retries after the base delay', () => {
    const { state, decision } = nextRetry(undefined, 42, policy);
    assert.deepEqual(state, { seq: 42, attempts: 1 });
    assert.deepEqual(decision, { kind: 'retry', attempt: 1, delayMs: 100 });
  });

  it('given the same event failed before, when it fails again, then the delay doubles', () => {
    const { decision } = nextRetry({ seq: 42, attempts: 1 }, 42, policy);
    assert.deepEqual(decision, { kind: 'retry', attempt: 2, delayMs: 200 });
  });

  it('given the attempts are used up, when it fails again, then the runner gives up', () => {
    const { decision } = nextRetry({ seq: 42, attempts: 2 }, 42, policy);
    assert.deepEqual(decision, { kind: 'give-up', attempts: 3 });
  });

  it('given another event failed before, when a new one fails, then counting starts again', () => {
    const { state } = nextRetry({ seq: 41, attempts: 2 }, 42, policy);
    assert.deepEqual(state, { seq: 42, attempts: 1 });
  });

  it('caps the delay at 30 s', () => {
    const { decision } = nextRetry({ seq: 1, attempts: 20 }, 1, { maxAttempts: 100, retryDelayMs: 1000 });
    assert.deepEqual(decision, { kind: 'retry', attempt: 21, delayMs: 30000 });
  });
});
