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

describe('SubnetAllocator (IPv6)', () => {
  it('never hands out the subnet-router anycast address (the all-zero host) nor the gateway; the last address is usable', () => {
    const subnet = new SubnetAllocator('fd00:1::/126');
    assert.equal(subnet.family, 6);
    assert.equal(subnet.gatewayText, 'fd00:1::1');
    assert.deepEqual(subnet.allocationPool, { start: 'fd00:1::1', end: 'fd00:1::3' });
    assert.deepEqual([subnet.allocate(), subnet.allocate()], ['fd00:1::2', 'fd00:1::3']);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
    assert.throws(() => subnet.reserve('fd00:1::'), AddressOutsideSubnetError);
    assert.throws(() => subnet.reserve('fd00:1::1'), AddressOutsideSubnetError);
  });

  it('allocates next-free in a /64 without scanning it: used addresses are skipped, released ones come back after a wrap', () => {
    const subnet = new SubnetAllocator('2001:db8:5::/64', '2001:db8:5::1');
    subnet.reserve('2001:db8:5::3');
    assert.deepEqual([subnet.allocate(), subnet.allocate()], ['2001:db8:5::2', '2001:db8:5::4']);
    // the top of the /64 is an ordinary host address in IPv6 (no broadcast)
    assert.equal(subnet.reserve('2001:db8:5:0:ffff:ffff:ffff:ffff'), '2001:db8:5:0:ffff:ffff:ffff:ffff');
    assert.equal(subnet.inUse, 4);
    const many = Array.from({ length: 5000 }, () => subnet.allocate());
    assert.equal(new Set(many).size, 5000);
    assert.equal(many.at(-1), '2001:db8:5::138c');
  });

  it('reads addresses in any valid spelling and answers them in canonical form; refuses the other family', () => {
    const subnet = new SubnetAllocator('2001:db8::/64');
    assert.equal(subnet.reserve('2001:0DB8:0000::00ab'), '2001:db8::ab');
    assert.throws(() => subnet.reserve('2001:db8::ab'), AddressInUseError);
    assert.throws(() => subnet.reserve('10.0.0.5'), AddressOutsideSubnetError);
    assert.equal(subnet.contains('10.0.0.5'), false);
    subnet.release('2001:db8::AB');
    assert.equal(subnet.reserve('2001:db8::ab'), '2001:db8::ab');
  });

  it('refuses CIDRs with host bits set or a prefix out of range, and a gateway outside the subnet', () => {
    assert.throws(() => new SubnetAllocator('2001:db8::1/64'), /host bits/);
    assert.throws(() => new SubnetAllocator('2001:db8::/127'), /between/);
    assert.throws(() => new SubnetAllocator('2001:db8::/64', '2001:db9::1'), AddressOutsideSubnetError);
  });
});
