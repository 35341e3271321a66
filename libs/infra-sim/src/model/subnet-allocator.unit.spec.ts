import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SubnetAllocator } from './subnet-allocator.js';
import { AddressInUseError, AddressOutsideSubnetError, InvalidRequestError, PoolExhaustedError } from './sim-errors.js';

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
    assert.deepEqual(subnet.allocationPools, [{ start: 'fd00:1::2', end: 'fd00:1::3' }]);
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

describe('SubnetAllocator (allocation pools)', () => {
  const pools = [{ start: '10.0.0.10', end: '10.0.0.11' }, { start: '10.0.0.20', end: '10.0.0.21' }];

  it('without pools, shows Neutron\'s default: every usable address but the gateway, split around it', () => {
    assert.deepEqual(new SubnetAllocator('10.0.0.0/24', '10.0.0.1').allocationPools, [{ start: '10.0.0.2', end: '10.0.0.254' }]);
    assert.deepEqual(new SubnetAllocator('10.0.0.0/24', '10.0.0.100').allocationPools, [
      { start: '10.0.0.1', end: '10.0.0.99' },
      { start: '10.0.0.101', end: '10.0.0.254' },
    ]);
    assert.equal(new SubnetAllocator('10.0.0.0/24').poolsGiven, false);
  });

  it('hands out only pool addresses, pool after pool in the order given, then reports exhaustion', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.1', [pools[1], pools[0]]);
    assert.equal(subnet.poolsGiven, true);
    assert.deepEqual(subnet.allocationPools, [pools[1], pools[0]]);
    assert.deepEqual(Array.from({ length: 4 }, () => subnet.allocate()), ['10.0.0.20', '10.0.0.21', '10.0.0.10', '10.0.0.11']);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
  });

  it('takes a named address outside the pools but inside the subnet, without counting it against the pools', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.1', pools);
    assert.equal(subnet.reserve('10.0.0.200'), '10.0.0.200');
    assert.equal(subnet.reserve('10.0.0.11'), '10.0.0.11');
    assert.deepEqual([subnet.allocate(), subnet.allocate(), subnet.allocate()], ['10.0.0.10', '10.0.0.20', '10.0.0.21']);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
    subnet.release('10.0.0.200');
    assert.throws(() => subnet.allocate(), PoolExhaustedError, 'freeing an address outside the pools frees no pool address');
    subnet.release('10.0.0.20');
    assert.equal(subnet.allocate(), '10.0.0.20');
    assert.throws(() => subnet.reserve('10.0.1.5'), AddressOutsideSubnetError);
  });

  it('never hands out a gateway that lies inside a pool, nor counts it as free', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.5', [{ start: '10.0.0.4', end: '10.0.0.6' }]);
    assert.deepEqual([subnet.allocate(), subnet.allocate()], ['10.0.0.4', '10.0.0.6']);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
  });

  it('with an empty list of pools, hands out nothing by itself but still takes named addresses', () => {
    const subnet = new SubnetAllocator('10.0.0.0/24', '10.0.0.1', []);
    assert.deepEqual(subnet.allocationPools, []);
    assert.throws(() => subnet.allocate(), PoolExhaustedError);
    assert.equal(subnet.reserve('10.0.0.9'), '10.0.0.9');
  });

  it('walks IPv6 /64 pools without scanning them: a pool at the very top of the subnet, then one low down', () => {
    const subnet = new SubnetAllocator('2001:db8:7::/64', '2001:db8:7::1', [
      { start: '2001:db8:7::ffff:ffff:ffff:fffe', end: '2001:db8:7:0:FFFF:FFFF:FFFF:FFFF' },
      { start: '2001:db8:7::1:0', end: '2001:db8:7::ffff:ffff:ffff:fff0' },
    ]);
    assert.deepEqual(subnet.allocationPools, [
      { start: '2001:db8:7:0:ffff:ffff:ffff:fffe', end: '2001:db8:7:0:ffff:ffff:ffff:ffff' },
      { start: '2001:db8:7::1:0', end: '2001:db8:7:0:ffff:ffff:ffff:fff0' },
    ]);
    subnet.reserve('2001:db8:7::1:1');
    const many = Array.from({ length: 4000 }, () => subnet.allocate());
    assert.deepEqual(many.slice(0, 4), ['2001:db8:7:0:ffff:ffff:ffff:fffe', '2001:db8:7:0:ffff:ffff:ffff:ffff', '2001:db8:7::1:0', '2001:db8:7::1:2']);
    assert.equal(new Set(many).size, 4000);
    assert.equal(many.at(-1), '2001:db8:7::1:f9e');
    assert.equal(subnet.reserve('2001:db8:7::42'), '2001:db8:7::42', 'a named address below every pool');
  });

  it('refuses pools outside the usable addresses, of the other family, reversed or overlapping', () => {
    const refused = (cidr: string, ranges: { start: string; end: string }[]) => assert.throws(() => new SubnetAllocator(cidr, undefined, ranges), InvalidRequestError);
    refused('10.0.0.0/24', [{ start: '10.0.0.250', end: '10.0.1.3' }]);
    refused('10.0.0.0/24', [{ start: '10.0.0.0', end: '10.0.0.3' }]);
    refused('10.0.0.0/24', [{ start: '10.0.0.200', end: '10.0.0.255' }]);
    refused('10.0.0.0/24', [{ start: 'fd00::2', end: 'fd00::3' }]);
    refused('10.0.0.0/24', [{ start: '10.0.0.9', end: '10.0.0.3' }]);
    refused('10.0.0.0/24', [{ start: '10.0.0.20', end: '10.0.0.30' }, { start: '10.0.0.2', end: '10.0.0.20' }]);
    refused('fd00::/64', [{ start: 'fd00::', end: 'fd00::3' }]);
    refused('fd00::/64', [{ start: 'fd00::2', end: 'not-an-address' }]);
  });
});
