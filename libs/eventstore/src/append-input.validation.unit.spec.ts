import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '#vorch/contracts';
import { validateAppendInput } from './append-input.validation.js';
import type { AppendInput } from './append-input.js';

const valid: AppendInput = {
  aggregateType: 'counter', aggregateId: 'c1', expectedSeq: 0, expectedVersion: 0,
  meta: { commandId: 'cmd', tenantId: 't', correlationId: 'c' }, events: [{ type: 'Added', data: { n: 1 } }],
};

describe('validateAppendInput', () => {
  it('accepts a well-formed append', () => {
    assert.doesNotThrow(() => validateAppendInput(valid));
  });

  it('names every bad field at once', () => {
    const bad = {
      ...valid, expectedSeq: -1, expectedVersion: 1.5, meta: { commandId: '', tenantId: 't', correlationId: 'c' },
      events: [{ type: '9lives', data: undefined, schemaVersion: 0 }],
    } as unknown as AppendInput;
    assert.throws(() => validateAppendInput(bad), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual(err.errors?.map((e) => e.field), [
        'expectedSeq', 'expectedVersion', 'meta.commandId', 'events.0.type', 'events.0.data', 'events.0.schemaVersion',
      ]);
      return true;
    });
  });

  it('refuses an append without events', () => {
    assert.throws(() => validateAppendInput({ ...valid, events: [] }), (err: ValidationError) => err.errors?.[0]?.field === 'events');
  });
});
