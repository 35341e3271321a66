import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec, foldEvents } from '#vorch/contracts';
import { addressPoolDecider } from './address-pool.decider.js';
import type { AddressPoolEvent, PoolCreated } from './address-pool.events.js';
import { AddressPool } from './address-pool.js';
import type { PoolDefinition } from './pool-definition.js';

const spec = deciderSpec(addressPoolDecider);

const created = (definition: PoolDefinition = { cidr: '10.0.0.0/24' }): PoolCreated => ({
  type: 'PoolCreated',
  data: { poolId: 'pool-1', networkId: 'net-1', layout: AddressPool.define(definition).layout },
});

const allocated = (portId: string, address: string, source: 'next-free' | 'specific' | 'home-vim' = 'next-free'): AddressPoolEvent => ({
  type: 'AddressAllocated',
  data: { poolId: 'pool-1', portId, address, source },
});

/** Decides and evolves one command at a time, as the service does with each command it handles. */
function run(events: AddressPoolEvent[], command: Parameters<typeof addressPoolDecider.decide>[0]): AddressPoolEvent[] {
  const decided = addressPoolDecider.decide(command, foldEvents(addressPoolDecider, events));
  events.push(...decided);
  return decided;
}

describe('address pool decider: CreatePool', () => {
  it('records the normalised layout', () => {
    const events = spec.given([]).when({ type: 'CreatePool', poolId: 'pool-1', networkId: 'net-1', definition: { cidr: '10.0.0.0/24' } });
    assert.deepEqual(events, [created()]);
  });

  it('refuses a second creation and a bad CIDR', () => {
    assert.throws(() => spec.given([created()]).when({ type: 'CreatePool', poolId: 'pool-1', networkId: 'net-1', definition: { cidr: '10.0.0.0/24' } }), { code: 'POOL.EXISTS', status: 409 });
    assert.throws(() => spec.given([]).when({ type: 'CreatePool', poolId: 'p', networkId: 'n', definition: { cidr: '10.0.0.1/24' } }), { code: 'CIDR.INVALID', status: 400 });
    assert.throws(() => spec.given([]).when({ type: 'CreatePool', poolId: 'p', networkId: 'n', definition: { cidr: 'banana' } }), { code: 'CIDR.INVALID', status: 400 });
  });

  it('answers 404 to allocations in a pool that does not exist', () => {
    assert.throws(() => spec.given([]).when({ type: 'AllocateNext', portId: 'a' }), { code: 'NOT_FOUND', status: 404 });
  });
});

describe('address pool decider: AllocateNext', () => {
  it('gives the lowest free address after the gateway', () => {
    assert.deepEqual(spec.given([created()]).when({ type: 'AllocateNext', portId: 'port-a' }), [allocated('port-a', '10.0.0.2')]);
  });

  it('records the MAC in canonical form and the site that uses the address', () => {
    const [event] = spec.given([created()]).when({ type: 'AllocateNext', portId: 'port-a', mac: '02-AA-00-00-00-01', site: 'paris' });
    assert.deepEqual(event.data, { poolId: 'pool-1', portId: 'port-a', address: '10.0.0.2', source: 'next-free', mac: '02:aa:00:00:00:01', site: 'paris' });
  });

  it('is idempotent for a port that already holds an address', () => {
    assert.deepEqual(spec.given([created(), allocated('port-a', '10.0.0.2')]).when({ type: 'AllocateNext', portId: 'port-a' }), []);
  });

  it('gives 64 ports of one /24 64 distinct addresses without an error', () => {
    const events: AddressPoolEvent[] = [created()];
    for (let i = 0; i < 64; i++) run(events, { type: 'AllocateNext', portId: `port-${i}` });
    const addresses = events.filter((e) => e.type === 'AddressAllocated').map((e) => (e.data as { address: string }).address);
    assert.equal(addresses.length, 64);
    assert.equal(new Set(addresses).size, 64);
  });

  it('allocates a batch of 64 ports in one decision, skipping a port that already holds an address', () => {
    const ports = Array.from({ length: 64 }, (_, i) => ({ portId: `port-${i}` }));
    const events = spec.given([created(), allocated('port-7', '10.0.0.2')]).when({ type: 'AllocateNextBatch', ports });
    assert.equal(events.length, 63);
    const addresses = events.map((e) => (e.data as { address: string }).address);
    assert.equal(new Set(addresses).size, 63);
    assert.ok(!addresses.includes('10.0.0.2'));
    assert.equal(addresses[0], '10.0.0.3');
  });

  it('fails a whole batch that does not fit', () => {
    const ports = Array.from({ length: 6 }, (_, i) => ({ portId: `p${i}` }));
    assert.throws(() => spec.given([created({ cidr: '192.168.9.0/29' })]).when({ type: 'AllocateNextBatch', ports }), { code: 'POOL.EXHAUSTED' });
  });

  it('answers POOL.EXHAUSTED (409) when no address is left', () => {
    // a /29 has 6 host addresses; one is the gateway
    const events: AddressPoolEvent[] = [created({ cidr: '192.168.9.0/29' })];
    for (let i = 0; i < 5; i++) run(events, { type: 'AllocateNext', portId: `p${i}` });
    assert.throws(() => run(events, { type: 'AllocateNext', portId: 'one-too-many' }), { code: 'POOL.EXHAUSTED', status: 409 });
  });
});

describe('address pool decider: AllocateSpecific and RecordExternalAllocation', () => {
  const given = [created({ cidr: '10.0.0.0/24', reserved: [{ start: '10.0.0.250', end: '10.0.0.254', reason: 'appliances' }] }), allocated('port-a', '10.0.0.10', 'specific')];

  it('allocates the address asked for, in canonical form', () => {
    assert.deepEqual(spec.given(given).when({ type: 'AllocateSpecific', portId: 'port-b', address: '10.0.0.11' }), [allocated('port-b', '10.0.0.11', 'specific')]);
  });

  it('answers ADDRESS.TAKEN (409) naming the holder', () => {
    assert.throws(
      () => spec.given(given).when({ type: 'AllocateSpecific', portId: 'port-b', address: '10.0.0.10' }),
      (e: Error & { code: string; status: number; details: { holder: string } }) => e.code === 'ADDRESS.TAKEN' && e.status === 409 && e.details.holder === 'port-a' && e.message.includes('port-a'),
    );
  });

  it('answers ADDRESS.RESERVED (409) for the gateway and reserved ranges', () => {
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: '10.0.0.1' }), { code: 'ADDRESS.RESERVED', status: 409 });
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: '10.0.0.252' }), { code: 'ADDRESS.RESERVED', status: 409 });
  });

  it('answers 400 for an address outside the subnet, of the other IP version, or not an address', () => {
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: '10.0.1.5' }), { code: 'ADDRESS.OUT_OF_RANGE', status: 400 });
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: '10.0.0.255' }), { code: 'ADDRESS.OUT_OF_RANGE', status: 400 });
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: 'fd00::5' }), { code: 'ADDRESS.FAMILY_MISMATCH', status: 400 });
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'b', address: '10.0.0.300' }), { code: 'ADDRESS.INVALID', status: 400 });
  });

  it('is idempotent for the same port and address, and refuses a second address for the port', () => {
    assert.deepEqual(spec.given(given).when({ type: 'AllocateSpecific', portId: 'port-a', address: '10.0.0.10' }), []);
    assert.throws(() => spec.given(given).when({ type: 'AllocateSpecific', portId: 'port-a', address: '10.0.0.12' }), { code: 'PORT.ALREADY_ALLOCATED', status: 409 });
  });

  it('records what the home VIM allocated, and treats a redelivery as done', () => {
    const events = spec.given(given).when({ type: 'RecordExternalAllocation', portId: 'vim-port', address: '10.0.0.77', mac: 'FA:16:3E:00:00:01', site: 'berlin' });
    assert.deepEqual(events, [{ type: 'AddressAllocated', data: { poolId: 'pool-1', portId: 'vim-port', address: '10.0.0.77', source: 'home-vim', mac: 'fa:16:3e:00:00:01', site: 'berlin' } }]);
    assert.deepEqual(spec.given([...given, ...events]).when({ type: 'RecordExternalAllocation', portId: 'vim-port', address: '10.0.0.77' }), []);
    // and next-free never hands it out again
    const state = spec.given([...given, ...events]).state();
    assert.equal(state.status === 'active' && state.pool.holderAt(0x0a00004dn)?.portId, 'vim-port');
  });

  it('records the home VIM reservation of a direct allocation, and keeps it through a snapshot', () => {
    const reservation = { allocationId: 'a1b2', vimPortId: 'vim-77' };
    const events = spec.given(given).when({ type: 'RecordExternalAllocation', portId: 'client-port', address: '10.0.0.78', site: 'tokyo', reservation });
    assert.deepEqual(events, [{ type: 'AddressAllocated', data: { poolId: 'pool-1', portId: 'client-port', address: '10.0.0.78', source: 'home-vim', site: 'tokyo', reservation } }]);
    const state = spec.given([...given, ...events]).state();
    const through = JSON.parse(JSON.stringify(state));
    const pool = AddressPool.revive(through.pool);
    assert.deepEqual(pool.holderAt(0x0a00004en)?.reservation, reservation);
  });

  it('loads an allocation event written before reservations existed (no reservation field)', () => {
    const state = spec.given([...given, allocated('old', '10.0.0.79', 'home-vim')]).state();
    assert.ok(state.status === 'active');
    const holder = state.pool.holderAt(0x0a00004fn);
    assert.equal(holder?.portId, 'old');
    assert.equal(holder?.reservation, undefined);
  });

  it('refuses to record an address the ledger gives to another port', () => {
    assert.throws(() => spec.given(given).when({ type: 'RecordExternalAllocation', portId: 'vim-port', address: '10.0.0.10' }), { code: 'ADDRESS.TAKEN' });
  });

  it('works the same for IPv6', () => {
    const v6 = [created({ cidr: '2001:db8:1::/64' })];
    assert.deepEqual(spec.given(v6).when({ type: 'AllocateNext', portId: 'a' }), [{ type: 'AddressAllocated', data: { poolId: 'pool-1', portId: 'a', address: '2001:db8:1::2', source: 'next-free' } }]);
    assert.deepEqual(spec.given(v6).when({ type: 'AllocateSpecific', portId: 'a', address: '2001:DB8:1:0::BEEF' })[0].data, { poolId: 'pool-1', portId: 'a', address: '2001:db8:1::beef', source: 'specific' });
  });
});

describe('address pool decider: ReleaseAddress and DeletePool', () => {
  const given = [created(), allocated('port-a', '10.0.0.2'), allocated('port-b', '10.0.0.3')];

  it('releases, and the address is the next one handed out', () => {
    const released = spec.given(given).when({ type: 'ReleaseAddress', address: '10.0.0.2' });
    assert.deepEqual(released, [{ type: 'AddressReleased', data: { poolId: 'pool-1', portId: 'port-a', address: '10.0.0.2' } }]);
    assert.deepEqual(spec.given([...given, ...released]).when({ type: 'AllocateNext', portId: 'port-c' }), [allocated('port-c', '10.0.0.2')]);
  });

  it('treats releasing a free address as already done', () => {
    assert.deepEqual(spec.given(given).when({ type: 'ReleaseAddress', address: '10.0.0.99' }), []);
  });

  it('refuses to release another port\'s address or a reserved one', () => {
    assert.throws(() => spec.given(given).when({ type: 'ReleaseAddress', address: '10.0.0.2', portId: 'port-b' }), { code: 'ADDRESS.NOT_HELD', status: 409 });
    assert.throws(() => spec.given(given).when({ type: 'ReleaseAddress', address: '10.0.0.1' }), { code: 'ADDRESS.RESERVED' });
  });

  it('deletes only an empty pool, and then the pool is gone', () => {
    assert.throws(() => spec.given(given).when({ type: 'DeletePool' }), { code: 'POOL.IN_USE', status: 409 });
    const deleted = spec.given([created()]).when({ type: 'DeletePool' });
    assert.deepEqual(deleted, [{ type: 'PoolDeleted', data: { poolId: 'pool-1' } }]);
    assert.deepEqual(spec.given([created(), ...deleted]).when({ type: 'DeletePool' }), []);
    assert.throws(() => spec.given([created(), ...deleted]).when({ type: 'AllocateNext', portId: 'x' }), { code: 'NOT_FOUND' });
  });
});
