import type { SegmentationType } from './segmentation-type.js';

/** Opens the federation's id space for one segmentation type; ids outside [min, max] are left to others (e.g. provider VLANs). */
export interface CreateSegmentSpace {
  type: 'CreateSegmentSpace';
  segmentationType: SegmentationType;
  min: number;
  max: number;
}

/** The lowest free id, or `requested` when given. Repeating it for a network that already has an id returns that id. */
export interface AllocateSegment {
  type: 'AllocateSegment';
  networkId: string;
  requested?: number;
}

/** Sent once every site's side of the network is torn down; the id may then go to another network. */
export interface ReleaseSegment {
  type: 'ReleaseSegment';
  networkId: string;
}

export type SegmentAllocatorCommand = CreateSegmentSpace | AllocateSegment | ReleaseSegment;
