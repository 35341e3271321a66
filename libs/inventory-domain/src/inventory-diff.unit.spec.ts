import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diffInventory } from './inventory-diff.js';
import { fingerprint, resourceKey, type InventoryResource } from './inventory-resource.js';

const r = (id: string, attributes: Record<string, unknown> = {}): InventoryResource => ({ kind: 'host', externalId: id, name: id, attributes });
const known = (...rs: InventoryResource[]) => new Map(rs.map((x) => [resourceKey(x), x]));

describe('diffInventory', () => {
  it('finds discovered, changed, gone and unchanged resources in a complete walk', () => {
    const d = diffInventory(known(r('a', { cpu: 8 }), r('b', { cpu: 8 }), r('c')), [r('a', { cpu: 8 }), r('b', { cpu: 16 }), r('d')], { complete: true });
    assert.deepEqual(d.discovered.map((x) => x.externalId), ['d']);
    assert.deepEqual(d.changed.map((x) => [x.resource.externalId, x.changes]), [['b', [{ field: 'attributes.cpu', before: 8, after: 16 }]]]);
    assert.deepEqual(d.gone.map((x) => x.externalId), ['c']);
    assert.equal(d.unchanged, 1);
  });

  it('declares nothing gone from a partial walk', () => {
    const d = diffInventory(known(r('a'), r('b')), [r('a')], { complete: false });
    assert.deepEqual(d.gone, []);
  });

  it('ignores attribute key order and repeated entries', () => {
    const d = diffInventory(known(r('a', { x: 1, y: [1, 2] })), [r('a', { y: [1, 2], x: 1 }), r('a', { y: [1, 2], x: 1 })], { complete: true });
    assert.equal(d.unchanged, 1);
    assert.equal(d.changed.length + d.discovered.length, 0);
  });

  it('fingerprints differ when a nested value differs', () => {
    assert.notEqual(fingerprint(r('a', { f: ['sev-snp'] })), fingerprint(r('a', { f: ['tdx'] })));
  });
});
