import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Projection } from './projection.js';
import { runnerSettings } from './runner-settings.js';
import { InvalidProjectionError } from './projection-errors.js';

const projection = (name: string, filterSubject = 'evt.x.>'): Projection => ({
  name,
  stream: 'EVT_X',
  filterSubject,
  setup: async () => {},
  apply: async () => {},
  reset: async () => {},
});

describe('runnerSettings', () => {
  it('fills the defaults', () => {
    const s = runnerSettings(projection('x-read-model'), {} as never);
    assert.equal(s.batchSize, 200);
    assert.equal(s.maxAttempts, 5);
    assert.equal(s.retryDelayMs, 500);
  });

  it('refuses a name a durable consumer cannot carry, naming the field', () => {
    assert.throws(
      () => runnerSettings(projection('bad.name'), {} as never),
      (err: unknown) => err instanceof InvalidProjectionError && err.code === 'PROJECTION.INVALID' && err.message.includes('name'),
    );
  });

  it('refuses a batch size of zero', () => {
    assert.throws(() => runnerSettings(projection('ok'), { batchSize: 0 } as never), /batchSize/);
  });
});
