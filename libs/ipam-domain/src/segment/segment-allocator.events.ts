import type { SegmentationType } from './segmentation-type.js';

export interface SegmentSpaceCreated {
  type: 'SegmentSpaceCreated';
  data: { segmentationType: SegmentationType; min: number; max: number };
}

export interface SegmentAllocated {
  type: 'SegmentAllocated';
  data: { segmentationType: SegmentationType; networkId: string; segmentationId: number };
}

export interface SegmentReleased {
  type: 'SegmentReleased';
  data: { segmentationType: SegmentationType; networkId: string; segmentationId: number };
}

export type SegmentAllocatorEvent = SegmentSpaceCreated | SegmentAllocated | SegmentReleased;
