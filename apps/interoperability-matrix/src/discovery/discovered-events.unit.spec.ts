import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeCommit, ValidationError, type EventEnvelope } from '#vorch/contracts';
import { discoveredResource, envelopesOf } from './discovered-events.js';

const envelope = (type: string, data: unknown, tenantId = 'acme'): EventEnvelope => ({
  id: '01J0', type, schemaVersion: 1, aggregateId: 'lyon', aggregateType: 'site', version: 1,
  occurredAt: '2026-11-25T12:00:00Z', tenantId, correlationId: 'c', causationId: 'c', data,
});
const facts = { kind: 'nic', vendor: 'NVIDIA', product: 'ConnectX-6', version: '22.36.1010', siteId: 'lyon', externalId: 'nic-3' };

describe('discovery events', () => {
  it('reads the envelopes of a commit, or a bare envelope', () => {
    const a = envelope('SiteRegistered', {});
    const b = envelope('InventoryResourceDiscovered', facts);
    assert.deepEqual(envelopesOf(encodeCommit({ commandId: 'x', events: [a, b] })).map((e) => e.type), ['SiteRegistered', 'InventoryResourceDiscovered']);
    assert.deepEqual(envelopesOf(new TextEncoder().encode(JSON.stringify(b))), [b]);
    assert.deepEqual(envelopesOf(new TextEncoder().encode('{"no":"type"}')), []);
  });

  it('takes the facts of a discovery, the tenant from the envelope when the data has none, ignoring extra fields', () => {
    const d = discoveredResource(envelope('InventoryResourceDiscovered', { ...facts, rackUnit: 12 }));
    assert.deepEqual({ ...d }, { tenantId: 'acme', ...facts });
    assert.equal(discoveredResource(envelope('InventoryResourceDiscovered', { ...facts, tenantId: 'globex' }))?.tenantId, 'globex');
  });

  it('ignores other event types', () => {
    assert.equal(discoveredResource(envelope('SiteRegistered', facts)), undefined);
  });

  it('refuses a discovery with bad facts, naming them', () => {
    assert.throws(() => discoveredResource(envelope('InventoryResourceDiscovered', { ...facts, kind: 'toaster', version: '' })), (err: unknown) => {
      assert.ok(err instanceof ValidationError);
      assert.deepEqual([...new Set(err.errors?.map((e) => e.field))].sort(), ['kind', 'version']);
      return true;
    });
  });
});
