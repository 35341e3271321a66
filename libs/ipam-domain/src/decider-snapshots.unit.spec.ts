import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { foldEvents, type Decider } from '#vorch/contracts';
import { macRegistryDecider } from './mac/mac-registry.decider.js';
import type { MacRegistryCommand } from './mac/mac-registry.commands.js';
import type { MacRegistryEvent } from './mac/mac-registry.events.js';
import { addressPoolDecider } from './pool/address-pool.decider.js';
import type { AddressPoolCommand } from './pool/address-pool.commands.js';
import type { AddressPoolEvent } from './pool/address-pool.events.js';
import { AddressPool } from './pool/address-pool.js';
import { segmentAllocatorDecider } from './segment/segment-allocator.decider.js';
import type { SegmentAllocatorCommand } from './segment/segment-allocator.commands.js';
import type { SegmentAllocatorEvent } from './segment/segment-allocator.events.js';

// The event store keeps snapshots as JSON.stringify(state) and hands JSON.parse of it back to decide and evolve.
// Each decider must decide and evolve from that exactly as from the replayed state.

const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function outcome<C, E, S>(decider: Decider<C, E, S>, command: C, state: S): unknown {
  try {
    return decider.decide(command, state);
  } catch (e) {
    return (e as { code: string }).code;
  }
}

function assertSameFromJson<C, E, S>(decider: Decider<C, E, S>, events: E[], commands: C[], next: E) {
  const replayed = foldEvents(decider, events);
  const restored = viaJson(replayed);
  for (const command of commands) assert.deepEqual(outcome(decider, command, restored), outcome(decider, command, replayed), JSON.stringify(command));
  // evolving from the restored state gives the same state as evolving from the replayed one
  assert.deepEqual(viaJson(decider.evolve(restored, next)), viaJson(decider.evolve(replayed, next)));
}

describe('decider states survive a JSON snapshot', () => {
  it('address pool', () => {
    const events: AddressPoolEvent[] = [
      { type: 'PoolCreated', data: { poolId: 'p', networkId: 'n', layout: AddressPool.define({ cidr: '10.0.0.0/29', reserved: [{ start: '10.0.0.6', end: '10.0.0.6' }] }).layout } },
      { type: 'AddressAllocated', data: { poolId: 'p', portId: 'a', address: '10.0.0.2', source: 'next-free' } },
      { type: 'AddressAllocated', data: { poolId: 'p', portId: 'b', address: '10.0.0.4', source: 'specific', mac: '02:00:00:00:00:01' } },
    ];
    const commands: AddressPoolCommand[] = [
      { type: 'AllocateNext', portId: 'c' },
      { type: 'AllocateSpecific', portId: 'c', address: '10.0.0.4' },
      { type: 'AllocateSpecific', portId: 'c', address: '10.0.0.6' },
      { type: 'ReleaseAddress', address: '10.0.0.2' },
    ];
    assertSameFromJson(addressPoolDecider, events, commands, { type: 'AddressAllocated', data: { poolId: 'p', portId: 'c', address: '10.0.0.3', source: 'next-free' } });
  });

  it('MAC registry', () => {
    const events: MacRegistryEvent[] = [
      { type: 'MacPrefixAssigned', data: { site: 'paris', prefix: '02:a0:00:00:00:00/16' } },
      { type: 'MacAllocated', data: { site: 'berlin', portId: 'vp', mac: '02:a0:00:00:00:00', source: 'site-vim' } },
    ];
    const commands: MacRegistryCommand[] = [
      { type: 'AllocateMac', site: 'paris', portId: 'p1' },
      { type: 'AssignMacPrefix', site: 'rome', prefix: '02:a0:00:00:00:00/20' },
      { type: 'RecordMac', site: 'rome', portId: 'x', mac: '02:a0:00:00:00:00' },
    ];
    assertSameFromJson(macRegistryDecider, events, commands, { type: 'MacReleased', data: { portId: 'vp', mac: '02:a0:00:00:00:00' } });
  });

  it('segment space', () => {
    const events: SegmentAllocatorEvent[] = [
      { type: 'SegmentSpaceCreated', data: { segmentationType: 'vxlan', min: 10, max: 20 } },
      { type: 'SegmentAllocated', data: { segmentationType: 'vxlan', networkId: 'n1', segmentationId: 10 } },
    ];
    const commands: SegmentAllocatorCommand[] = [
      { type: 'AllocateSegment', networkId: 'n2' },
      { type: 'AllocateSegment', networkId: 'n2', requested: 10 },
      { type: 'ReleaseSegment', networkId: 'n1' },
    ];
    assertSameFromJson(segmentAllocatorDecider, events, commands, { type: 'SegmentAllocated', data: { segmentationType: 'vxlan', networkId: 'n3', segmentationId: 12 } });
  });
});
