import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { UpcasterRegistry } from './upcasting.js';
import type { EventEnvelope } from './envelope.js';

const event = (schemaVersion: number, data: unknown): EventEnvelope => ({
  id: '01', type: 'ThingHappened', schemaVersion, aggregateId: 'a', aggregateType: 'thing', version: 1,
  occurredAt: '2026-01-01T00:00:00Z', tenantId: 't', correlationId: 'c', causationId: 'c', data,
});

describe('UpcasterRegistry', () => {
  const registry = new UpcasterRegistry()
    .register('ThingHappened', 1, (d) => ({ ...(d as object), unit: 'MiB' }))
    .register('ThingHappened', 2, (d) => {
      const { size, unit, ...rest } = d as { size: number; unit: string };
      return { ...rest, sizeBytes: unit === 'MiB' ? size * 1048576 : size };
    });

  it('walks an old event through every step to the current schema', () => {
    const up = registry.upcast(event(1, { size: 2 }));
    assert.equal(up.schemaVersion, 3);
    assert.deepEqual(up.data, { sizeBytes: 2 * 1048576 });
  });

  it('leaves a current event untouched', () => {
    const e = event(3, { sizeBytes: 5 });
    assert.deepEqual(registry.upcast(e), e);
    assert.equal(registry.currentVersion('ThingHappened'), 3);
  });

  it('refuses the same step twice', () => {
    assert.throws(() => registry.register('ThingHappened', 1, (d) => d));
  });
});
