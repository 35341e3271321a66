import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SubnetAllocator } from './subnet-allocator.js';
import { AddressInUseError, AddressOutsideSubnetError, PoolExhaustedError } from './sim-errors.js';

describe('SubnetAllocator', () => {
  it('hands out every usable address exactly once, never the network, gateway or broadcast address', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.1');
    const seen = new Set<string>();
    for (let i = 0; i < 253; i++) seen.add(subnet.allocate());
    assert.equal(seen.size, 253);
    for (const reserved of ['10.0.0.0', '10.0.0.1', '10.0.0.255']) assert.ok(!seen.has(reserved), reserved);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
  });

  it('refuses an address asked for explicitly when it is already allocated', () => {
    const subnet = new SubnetAllocator('10.0.0.0/29');
    const first = subnet.allocate();
    assert.throws(() => subnet.reserve(first), AddressInUseError);
  });

  it('does not hand out an address reserved explicitly', () => {
    const subnet = new SubnetAllocator('10.0.0.0/29', '10.0.0.1');
    subnet.reserve('10.0.0.2');
    const rest = [subnet.allocate(), subnet.allocate(), subnet.allocate(), subnet.allocate()];
    assert.deepEqual(rest, ['10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']);
  });

  it('refuses addresses outside the subnet or the gateway itself', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.1');
    assert.throws(() => subnet.reserve('10.0.1.5'), AddressOutsideSubnetError);
    assert.throws(() => subnet.reserve('10.0.0.1'), AddressOutsideSubnetError);
    assert.throws(() => subnet.reserve('10.0.0.255'), AddressOutsideSubnetError);
  });

  it('gives a released address out again', () => {
    const subnet = new SubnetAllocator('10.0.0.0/30');
    const only = subnet.allocate();
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
    subnet.release(only);
    assert.equal(subnet.allocate(), only);
  });
});
