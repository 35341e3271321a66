import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ProjectionRebuildInterruptedError } from '../projection-errors.js';
import { RebuildJob } from './rebuild-job.js';

describe('RebuildJob', () => {
  const clock = (start: number) => {
    let t = start;
    return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
  };

  it('shows progress while running, then the completed outcome with its times', () => {
    const c = clock(Date.UTC(2026, 0, 1));
    const job = new RebuildJob('p', c.now);
    assert.equal(job.running, true);
    assert.deepEqual(job.progress, { applied: 0, total: null, startedAt: '2026-01-01T00:00:00.000Z' });
    job.report({ applied: 0, total: 300 });
    job.report({ applied: 120, total: 300 });
    assert.deepEqual(job.progress, { applied: 120, total: 300, startedAt: '2026-01-01T00:00:00.000Z' });
    assert.equal(job.outcome, undefined);
    c.advance(2500);
    job.report({ applied: 300, total: 300 });
    job.completed();
    assert.equal(job.running, false);
    assert.deepEqual(job.outcome, {
      outcome: 'completed',
      applied: 300,
      total: 300,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:02.500Z',
    });
  });

  it('keeps the typed error of a failed rebuild, and a plain error as INTERNAL', () => {
    const job = new RebuildJob('p');
    job.report({ applied: 5, total: 9 });
    job.failed(new ProjectionRebuildInterruptedError('p', 'the runner was stopped'));
    assert.equal(job.outcome?.outcome, 'failed');
    assert.equal(job.outcome?.applied, 5);
    assert.equal(job.outcome?.error?.code, 'PROJECTION.REBUILD_INTERRUPTED');
    const plain = new RebuildJob('p');
    plain.failed(new Error('boom'));
    assert.deepEqual(plain.outcome?.error, { code: 'INTERNAL', message: 'boom' });
  });
});
