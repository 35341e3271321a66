import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpcasterRegistry, type Commit, type EventEnvelope } from '#vorch/contracts';
import { AggregateFold } from './aggregate-fold.js';
import { CorruptAggregateError } from './eventstore.errors.js';
import type { Reducer } from './reducer.js';

const sum: Reducer<number> = { initialState: 0, evolve: (s, e) => s + (e.data as { n: number }).n };

const event = (version: number, n: number, schemaVersion = 1, type = 'Added'): EventEnvelope => ({
  id: `e${version}`, type, schemaVersion, aggregateId: 'a', aggregateType: 'counter', version,
  occurredAt: '2026-01-01T00:00:00Z', tenantId: 't', correlationId: 'c', causationId: 'c', data: { n },
});
const commit = (commandId: string, ...events: EventEnvelope[]): Commit => ({ commandId, events });

describe('AggregateFold', () => {
  it('given commits, folds their events in order and remembers each command', () => {
    const fold = new AggregateFold('counter.a', sum, undefined);
    fold.apply(3, commit('c1', event(1, 2), event(2, 3)));
    fold.apply(9, commit('c2', event(3, 10)));
    assert.deepEqual([fold.state, fold.version, fold.seq, fold.replayedCommits, fold.replayedEvents], [15, 3, 9, 2, 3]);
    assert.deepEqual([...fold.handled], ['c1', 'c2']);
  });

  it('refuses a version gap or a repeated version instead of folding it', () => {
    const fold = new AggregateFold('counter.a', sum, undefined);
    fold.apply(1, commit('c1', event(1, 1)));
    assert.throws(() => fold.apply(2, commit('c2', event(1, 1))), CorruptAggregateError);
    assert.throws(() => fold.apply(2, commit('c3', event(3, 1))), CorruptAggregateError);
  });

  it('upcasts old events before evolve sees them', () => {
    const upcasters = new UpcasterRegistry().register('Added', 1, (d) => ({ n: (d as { n: number }).n * 100 }));
    const fold = new AggregateFold('counter.a', sum, upcasters);
    fold.apply(1, commit('c1', event(1, 2, 1), event(2, 3, 2)));
    assert.equal(fold.state, 203);
  });

  it('restores a snapshot and continues from it; the snapshot it writes keeps only the newest command ids', () => {
    const fold = new AggregateFold('counter.a', sum, undefined);
    fold.restore({ format: 1, schema: 's', eventSchemas: { Added: 1 }, version: 2, seq: 5, state: 40, handledCommands: ['c1', 'c2'], takenAt: '' });
    fold.apply(7, commit('c3', event(3, 2)));
    const snap = fold.toSnapshot('s', 2, new Date('2026-01-01T00:00:00Z'));
    assert.deepEqual(snap, {
      format: 1, schema: 's', eventSchemas: { Added: 1 }, version: 3, seq: 7, state: 42,
      handledCommands: ['c2', 'c3'], takenAt: '2026-01-01T00:00:00.000Z',
    });
    assert.equal(fold.replayedEvents, 1);
  });

  it('resumes from an aggregate loaded earlier and folds only what came after it', () => {
    const fold = new AggregateFold('counter.a', sum, undefined);
    fold.resume({ state: 7, version: 3, seq: 12, handledCommands: new Set(['c1', 'c2']) });
    fold.apply(15, commit('c3', event(4, 1)));
    assert.deepEqual([fold.state, fold.version, fold.seq, fold.replayedEvents, [...fold.handled]], [8, 4, 15, 1, ['c1', 'c2', 'c3']]);
  });
});
