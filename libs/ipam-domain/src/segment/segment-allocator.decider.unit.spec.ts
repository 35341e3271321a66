import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deciderSpec } from '#vorch/contracts';
import { segmentAllocatorDecider } from './segment-allocator.decider.js';
import type { SegmentAllocatorEvent } from './segment-allocator.events.js';

const spec = deciderSpec(segmentAllocatorDecider);
const space = (min = 1000, max = 1003): SegmentAllocatorEvent => ({ type: 'SegmentSpaceCreated', data: { segmentationType: 'vxlan', min, max } });
const allocated = (networkId: string, id: number): SegmentAllocatorEvent => ({ type: 'SegmentAllocated', data: { segmentationType: 'vxlan', networkId, segmentationId: id } });

describe('segment allocator decider', () => {
  it('opens a space within what the segmentation type can carry', () => {
    assert.deepEqual(spec.given([]).when({ type: 'CreateSegmentSpace', segmentationType: 'vxlan', min: 1000, max: 1003 }), [space()]);
    assert.throws(() => spec.given([]).when({ type: 'CreateSegmentSpace', segmentationType: 'vxlan', min: 1, max: 16_777_216 }), { code: 'SEGMENT_SPACE.INVALID', status: 400 });
    assert.throws(() => spec.given([]).when({ type: 'CreateSegmentSpace', segmentationType: 'vlan', min: 0, max: 100 }), { code: 'SEGMENT_SPACE.INVALID' });
    assert.throws(() => spec.given([]).when({ type: 'CreateSegmentSpace', segmentationType: 'vlan', min: 200, max: 100 }), { code: 'SEGMENT_SPACE.INVALID' });
    assert.throws(() => spec.given([space()]).when({ type: 'CreateSegmentSpace', segmentationType: 'vxlan', min: 1, max: 2 }), { code: 'SEGMENT_SPACE.EXISTS' });
  });

  it('gives each network a distinct id, the lowest free first', () => {
    assert.deepEqual(spec.given([space()]).when({ type: 'AllocateSegment', networkId: 'n1' }), [allocated('n1', 1000)]);
    assert.deepEqual(spec.given([space(), allocated('n1', 1000), allocated('n2', 1002)]).when({ type: 'AllocateSegment', networkId: 'n3' }), [allocated('n3', 1001)]);
  });

  it('is idempotent for a network that already has its id, and refuses to give it a second one', () => {
    const given = [space(), allocated('n1', 1000)];
    assert.deepEqual(spec.given(given).when({ type: 'AllocateSegment', networkId: 'n1' }), []);
    assert.deepEqual(spec.given(given).when({ type: 'AllocateSegment', networkId: 'n1', requested: 1000 }), []);
    assert.throws(() => spec.given(given).when({ type: 'AllocateSegment', networkId: 'n1', requested: 1001 }), { code: 'NETWORK.HAS_SEGMENT', status: 409 });
  });

  it('allocates a requested id, refusing one in use (naming its network) or outside the space', () => {
    const given = [space(), allocated('n1', 1000)];
    assert.deepEqual(spec.given(given).when({ type: 'AllocateSegment', networkId: 'n2', requested: 1003 }), [allocated('n2', 1003)]);
    assert.throws(
      () => spec.given(given).when({ type: 'AllocateSegment', networkId: 'n2', requested: 1000 }),
      (e: Error & { code: string; details: { holder: string } }) => e.code === 'SEGMENT.TAKEN' && e.details.holder === 'n1',
    );
    assert.throws(() => spec.given(given).when({ type: 'AllocateSegment', networkId: 'n2', requested: 999 }), { code: 'SEGMENT.OUT_OF_RANGE', status: 400 });
  });

  it('answers SEGMENT.EXHAUSTED when every id is used', () => {
    const full = [space(), allocated('a', 1000), allocated('b', 1001), allocated('c', 1002), allocated('d', 1003)];
    assert.throws(() => spec.given(full).when({ type: 'AllocateSegment', networkId: 'e' }), { code: 'SEGMENT.EXHAUSTED', status: 409 });
  });

  it('releases the id of a deleted network so another network can have it', () => {
    const given = [space(), allocated('n1', 1000), allocated('n2', 1001)];
    const released = spec.given(given).when({ type: 'ReleaseSegment', networkId: 'n1' });
    assert.deepEqual(released, [{ type: 'SegmentReleased', data: { segmentationType: 'vxlan', networkId: 'n1', segmentationId: 1000 } }]);
    assert.deepEqual(spec.given([...given, ...released]).when({ type: 'AllocateSegment', networkId: 'n3' }), [allocated('n3', 1000)]);
    assert.deepEqual(spec.given([...given, ...released]).when({ type: 'ReleaseSegment', networkId: 'n1' }), []);
  });

  it('answers 404 before the space exists', () => {
    assert.throws(() => spec.given([]).when({ type: 'AllocateSegment', networkId: 'n1' }), { code: 'NOT_FOUND' });
  });
});
