import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contentHash, importAggregateId, importIdFor, resourceIdFor } from './aggregate-ids.js';

const SUBJECT_TOKEN = /^[A-Za-z0-9_=-]{1,128}$/;

describe('aggregate ids', () => {
  it('gives a discovered resource the same id every time, per tenant', () => {
    const a = resourceIdFor('acme', { siteId: 'lyon', externalId: 'host-1', commandId: 'c1' });
    assert.equal(a, resourceIdFor('acme', { siteId: 'lyon', externalId: 'host-1', commandId: 'c2' }));
    assert.notEqual(a, resourceIdFor('globex', { siteId: 'lyon', externalId: 'host-1', commandId: 'c1' }));
    assert.notEqual(a, resourceIdFor('acme', { siteId: 'paris', externalId: 'host-1', commandId: 'c1' }));
    assert.match(a, SUBJECT_TOKEN);
  });

  it('identifies a resource without an external id by its command id', () => {
    assert.equal(resourceIdFor('acme', { commandId: 'c1' }), resourceIdFor('acme', { commandId: 'c1' }));
    assert.notEqual(resourceIdFor('acme', { commandId: 'c1' }), resourceIdFor('acme', { commandId: 'c2' }));
  });

  it('keeps import ids of two tenants apart and safe as subject tokens', () => {
    assert.notEqual(importAggregateId('acme', 'i1'), importAggregateId('globex', 'i1'));
    assert.match(importAggregateId('acme', 'a.b*c>'), SUBJECT_TOKEN);
    assert.equal(importIdFor('plain-id_1'), 'plain-id_1');
    assert.match(importIdFor('key with spaces/and.dots'), /^[0-9a-f]{26}$/);
  });

  it('hashes the format with the content', () => {
    assert.notEqual(contentHash('csv', 'x'), contentHash('json', 'x'));
    assert.equal(contentHash('csv', 'x'), contentHash('csv', 'x'));
  });
});
