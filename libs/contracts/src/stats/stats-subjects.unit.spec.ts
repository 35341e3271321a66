import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inventoryPartSourceId, inventorySourceId, isSourceOfInventorySite } from './stats-subjects.js';

describe('inventory source ids', () => {
  it('keeps the site\'s own id for a report in one part, and names part and count otherwise', () => {
    const site = inventorySourceId('s1');
    assert.equal(site, 'inventory-s1');
    assert.equal(inventoryPartSourceId(site, 0, 1), 'inventory-s1');
    assert.equal(inventoryPartSourceId(site, 3, 8), 'inventory-s1#3/8');
    assert.notEqual(inventoryPartSourceId(site, 1, 2), inventoryPartSourceId(site, 1, 4), 'a part of another split is another source');
  });

  it('tells a site\'s sources from another site\'s, also one whose id starts the same', () => {
    const site = inventorySourceId('s1');
    assert.ok(isSourceOfInventorySite('inventory-s1', site));
    assert.ok(isSourceOfInventorySite('inventory-s1#0/2', site));
    assert.ok(!isSourceOfInventorySite('inventory-s10', site));
    assert.ok(!isSourceOfInventorySite('inventory-s10#0/2', site));
    assert.ok(!isSourceOfInventorySite('sw-1', site));
  });
});
