import { ConflictError, VorchError } from '#vorch/contracts';

export class InvalidSegmentSpaceError extends VorchError {
  constructor(reason: string) {
    super('SEGMENT_SPACE.INVALID', `The segment space is invalid: ${reason}`, 400);
  }
}

export class SegmentSpaceExistsError extends ConflictError {
  constructor(segmentationType: string) {
    super('SEGMENT_SPACE.EXISTS', `The ${segmentationType} segment space already exists`, { segmentationType });
  }
}

export class SegmentOutOfRangeError extends VorchError {
  constructor(segmentationType: string, id: number, min: number, max: number) {
    super('SEGMENT.OUT_OF_RANGE', `${segmentationType} id ${id} is outside ${min}-${max}`, 400, { segmentationType, id, min, max });
  }
}

export class SegmentsExhaustedError extends ConflictError {
  constructor(segmentationType: string, min: number, max: number) {
    super('SEGMENT.EXHAUSTED', `Every ${segmentationType} id from ${min} to ${max} is in use`, { segmentationType, min, max });
  }
}

export class SegmentTakenError extends ConflictError {
  constructor(segmentationType: string, id: number, holder: string) {
    super('SEGMENT.TAKEN', `${segmentationType} id ${id} is already used by network ${holder}`, { segmentationType, id, holder });
  }
}

export class NetworkHasSegmentError extends ConflictError {
  constructor(networkId: string, segmentationType: string, id: number) {
    super('NETWORK.HAS_SEGMENT', `Network ${networkId} already uses ${segmentationType} id ${id}`, { networkId, segmentationType, id });
  }
}
