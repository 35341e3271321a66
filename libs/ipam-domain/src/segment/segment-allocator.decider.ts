import { NotFoundError, type Decider } from '#vorch/contracts';
import { AllocationTable, type AllocationTableJson } from '../collections/allocation-table.js';
import type { SegmentAllocatorCommand } from './segment-allocator.commands.js';
import type { SegmentAllocatorEvent } from './segment-allocator.events.js';
import {
  InvalidSegmentSpaceError,
  NetworkHasSegmentError,
  SegmentOutOfRangeError,
  SegmentsExhaustedError,
  SegmentSpaceExistsError,
  SegmentTakenError,
} from './segment.errors.js';
import { isSegmentationType, SEGMENTATION_LIMITS, type SegmentationType } from './segmentation-type.js';

/**
 * One aggregate per segmentation type for the whole federation (e.g. `segments-vxlan`): a VNI is unique across
 * every site because every site's networks take theirs from this one table.
 */
export type SegmentAllocatorState =
  | { status: 'absent' }
  | { status: 'open'; segmentationType: SegmentationType; min: number; max: number; table: AllocationTable<null> };

type OpenSpace = Extract<SegmentAllocatorState, { status: 'open' }>;

/** Revives a state read back from JSON (an event-store snapshot); a live state costs nothing. */
function requireOpen(state: SegmentAllocatorState): OpenSpace {
  if (state.status === 'open') {
    return state.table instanceof AllocationTable ? state : { ...state, table: AllocationTable.revive<null>(state.table as AllocationTableJson<null>) };
  }
  throw new NotFoundError('Segment space', '(not created)');
}

function createSpace(command: Extract<SegmentAllocatorCommand, { type: 'CreateSegmentSpace' }>, state: SegmentAllocatorState): SegmentAllocatorEvent[] {
  if (state.status === 'open') throw new SegmentSpaceExistsError(state.segmentationType);
  const { segmentationType, min, max } = command;
  if (!isSegmentationType(segmentationType)) throw new InvalidSegmentSpaceError(`unknown segmentation type "${String(segmentationType)}"`);
  const limits = SEGMENTATION_LIMITS[segmentationType];
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < limits.min || max > limits.max || min > max) {
    throw new InvalidSegmentSpaceError(`${segmentationType} ids run from ${limits.min} to ${limits.max}; got ${min}-${max}`);
  }
  return [{ type: 'SegmentSpaceCreated', data: { segmentationType, min, max } }];
}

function allocate(command: Extract<SegmentAllocatorCommand, { type: 'AllocateSegment' }>, space: OpenSpace): SegmentAllocatorEvent[] {
  const { networkId, requested } = command;
  const held = space.table.allocationOf(networkId);
  if (held && (requested === undefined || BigInt(requested) === held.value)) return [];
  if (held) throw new NetworkHasSegmentError(networkId, space.segmentationType, Number(held.value));
  let id: bigint | undefined;
  if (requested !== undefined) {
    if (!Number.isInteger(requested) || requested < space.min || requested > space.max) {
      throw new SegmentOutOfRangeError(space.segmentationType, requested, space.min, space.max);
    }
    id = BigInt(requested);
    const other = space.table.allocationAt(id);
    if (other) throw new SegmentTakenError(space.segmentationType, requested, other.owner);
  } else {
    id = space.table.firstFreeIn([{ start: BigInt(space.min), end: BigInt(space.max) }]);
    if (id === undefined) throw new SegmentsExhaustedError(space.segmentationType, space.min, space.max);
  }
  return [{ type: 'SegmentAllocated', data: { segmentationType: space.segmentationType, networkId, segmentationId: Number(id) } }];
}

function release(networkId: string, space: OpenSpace): SegmentAllocatorEvent[] {
  const held = space.table.allocationOf(networkId);
  if (!held) return [];
  return [{ type: 'SegmentReleased', data: { segmentationType: space.segmentationType, networkId, segmentationId: Number(held.value) } }];
}

export function decideSegments(command: SegmentAllocatorCommand, state: SegmentAllocatorState): SegmentAllocatorEvent[] {
  switch (command.type) {
    case 'CreateSegmentSpace':
      return createSpace(command, state);
    case 'AllocateSegment':
      return allocate(command, requireOpen(state));
    case 'ReleaseSegment':
      return release(command.networkId, requireOpen(state));
    default: {
      const unknown: never = command;
      throw new Error(`unknown command ${JSON.stringify(unknown)}`);
    }
  }
}

export function evolveSegments(state: SegmentAllocatorState, event: SegmentAllocatorEvent): SegmentAllocatorState {
  switch (event.type) {
    case 'SegmentSpaceCreated':
      return { status: 'open', ...event.data, table: AllocationTable.empty<null>() };
    case 'SegmentAllocated': {
      const space = requireOpen(state);
      return { ...space, table: space.table.allocate(BigInt(event.data.segmentationId), event.data.networkId, null) };
    }
    case 'SegmentReleased': {
      const space = requireOpen(state);
      return { ...space, table: space.table.release(BigInt(event.data.segmentationId)) };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown event ${JSON.stringify(unknown)}`);
    }
  }
}

export const segmentAllocatorDecider: Decider<SegmentAllocatorCommand, SegmentAllocatorEvent, SegmentAllocatorState> = {
  decide: decideSegments,
  evolve: evolveSegments,
  initialState: () => ({ status: 'absent' }),
};
