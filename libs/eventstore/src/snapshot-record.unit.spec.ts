import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpcasterRegistry } from '#vorch/contracts';
import { judgeSnapshot, type SnapshotRecord } from './snapshot-record.js';

const record = (over: Partial<SnapshotRecord> = {}): SnapshotRecord => ({
  format: 1, schema: 'counter-v1', eventSchemas: { Added: 1, Reset: 1 }, version: 10, seq: 40, state: {}, handledCommands: [], takenAt: '', ...over,
});

describe('judgeSnapshot', () => {
  it('given the same reducer schema and upcasters, the snapshot is fresh', () => {
    assert.equal(judgeSnapshot(record(), 'counter-v1', undefined), 'fresh');
    assert.equal(judgeSnapshot(record(), 'counter-v1', new UpcasterRegistry().register('Other', 1, (d) => d)), 'fresh');
  });

  it('given another reducer schema, the snapshot is stale', () => {
    assert.equal(judgeSnapshot(record(), 'counter-v2', undefined), 'stale');
  });

  it('given a new upcaster for an event type it folded, the snapshot is stale', () => {
    assert.equal(judgeSnapshot(record(), 'counter-v1', new UpcasterRegistry().register('Added', 1, (d) => d)), 'stale');
  });

  it('given an upcaster removed again, the snapshot taken with it is stale', () => {
    assert.equal(judgeSnapshot(record({ eventSchemas: { Added: 2 } }), 'counter-v1', undefined), 'stale');
  });
});
