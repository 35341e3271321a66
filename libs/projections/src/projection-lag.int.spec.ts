import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually } from '#vorch/testing';
import { metricsRegistry } from '#vorch/telemetry';
import { projectionTestBed, metricValue, type ProjectionTestBed } from './testing/projection-test-bed.js';

describe('projection lag metrics', () => {
  let bed: ProjectionTestBed;

  beforeEach(async () => {
    bed = await projectionTestBed();
  });
  afterEach(async () => {
    await bed.cleanup();
  });

  it('counts the unprocessed events and their age, and returns to zero after catch-up', async () => {
    // 1. apply is held, so nothing commits while events pile up
    let release!: () => void;
    bed.projection.gate = new Promise<void>((r) => (release = r));
    const runner = bed.runner({ batchSize: 10, lagIntervalMs: 100 });
    await runner.start();
    const last = await bed.events.appendMany(
      Array.from({ length: 120 }, (_, i) => ({ aggregateType: 'acct', aggregateId: `a${i % 3}`, events: [{ type: 'Counted', data: { amount: 1 } }] })),
    );
    const name = bed.projection.name;
    await eventually(async () => assert.equal(await metricValue('vorch_projection_lag_events', name), 120), { timeoutMs: 30_000 });
    await eventually(async () => assert.ok((await metricValue('vorch_projection_lag_seconds', name)) >= 0.3), { timeoutMs: 30_000 });
    const exposition = await metricsRegistry.metrics();
    assert.match(exposition, new RegExp(`vorch_projection_lag_events\\{projection="${name}"\\} 120`));

    // 2. released: it catches up and the gauges drop to zero
    bed.projection.gate = undefined;
    release();
    await runner.waitForSeq(last, 10000);
    await eventually(async () => {
      assert.equal(await metricValue('vorch_projection_lag_events', name), 0);
      assert.equal(await metricValue('vorch_projection_lag_seconds', name), 0);
    });
    assert.equal(await metricValue('vorch_projection_checkpoint', name), last);
  });
});
