import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LEASE_MS, inventoryConfigFromEnv } from './inventory.config.js';

const KEY = { VORCH_CREDENTIALS_KEY: 'ab'.repeat(32) };

describe('inventory configuration: the discovery lease', () => {
  it('given no VORCH_INVENTORY_LEASE_MS, then the lease lasts the default', () => {
    assert.equal(inventoryConfigFromEnv(KEY).leaseMs, DEFAULT_LEASE_MS);
  });

  it('given VORCH_INVENTORY_LEASE_MS, then the lease lasts that long', () => {
    assert.equal(inventoryConfigFromEnv({ ...KEY, VORCH_INVENTORY_LEASE_MS: '4000' }).leaseMs, 4000);
  });

  it('given a lease that is not a whole number of at least 1000 ms, then start-up is refused naming the variable', () => {
    for (const bad of ['abc', '999', '1500.5', '-1']) {
      assert.throws(() => inventoryConfigFromEnv({ ...KEY, VORCH_INVENTORY_LEASE_MS: bad }), /VORCH_INVENTORY_LEASE_MS/, bad);
    }
  });
});
