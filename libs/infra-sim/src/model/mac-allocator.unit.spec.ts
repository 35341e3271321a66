import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MacAllocator } from './mac-allocator.js';
import { AddressInUseError, InvalidRequestError, PoolExhaustedError } from './sim-errors.js';

describe('MacAllocator', () => {
  it('allocates distinct MACs inside the site prefix', () => {
    const macs = new MacAllocator('fa:16:3e:10');
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const mac = macs.allocate();
      assert.match(mac, /^fa:16:3e:10:[0-9a-f]{2}:[0-9a-f]{2}$/);
      seen.add(mac);
    }
    assert.equal(seen.size, 5000);
  });

  it('refuses a MAC already in use, whatever its spelling, and skips it when allocating', () => {
    const macs = new MacAllocator('02:00:00:00:00');
    macs.reserve('02:00:00:00:00:01');
    assert.throws(() => macs.reserve('02-00-00-00-00-01'), AddressInUseError);
    assert.equal(macs.allocate(), '02:00:00:00:00:02');
  });

  it('accepts a MAC from outside the prefix (allocated by another site) once', () => {
    const macs = new MacAllocator('fa:16:3e:10');
    assert.equal(macs.reserve('00:50:56:AA:BB:CC'), '00:50:56:aa:bb:cc');
    assert.throws(() => macs.reserve('00:50:56:aa:bb:cc'), AddressInUseError);
  });

  it('rejects malformed MACs and reports exhaustion', () => {
    const macs = new MacAllocator('02:00:00:00:00');
    assert.throws(() => macs.reserve('nope'), InvalidRequestError);
    for (let i = 0; i < 256; i++) macs.allocate();
    assert.throws(() => macs.allocate(), PoolExhaustedError);
  });
});
