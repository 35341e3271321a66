import { VorchError } from '#vorch/contracts';

/** The read model did not reach the requested stream sequence in time; the caller may retry or read stale data. */
export class ProjectionWaitTimeoutError extends VorchError {
  constructor(projection: string, seq: number, checkpoint: number, timeoutMs: number) {
    super('PROJECTION.WAIT_TIMEOUT', `projection ${projection} has not reached sequence ${seq} within ${timeoutMs} ms`, 504, {
      projection,
      seq,
      checkpoint,
      timeoutMs,
    });
  }
}

/** The projection stopped on an event it could not apply (see projection_failures); it will not move past it by itself. */
export class ProjectionStoppedError extends VorchError {
  constructor(projection: string, failedSeq: number) {
    super('PROJECTION.STOPPED', `projection ${projection} stopped at stream sequence ${failedSeq} after repeated failures`, 503, {
      projection,
      failedSeq,
    });
  }
}

/** A projection definition that cannot run (bad name or filter); a programming error caught at start-up. */
export class InvalidProjectionError extends VorchError {
  constructor(projection: string, message: string) {
    super('PROJECTION.INVALID', `projection ${projection}: ${message}`, 500, { projection });
  }
}

/** A rebuild ended before it caught up: the runner was stopped or stopped on a failing event. */
export class ProjectionRebuildInterruptedError extends VorchError {
  constructor(projection: string, reason: string) {
    super('PROJECTION.REBUILD_INTERRUPTED', `rebuild of projection ${projection} did not finish: ${reason}`, 503, { projection });
  }
}

/** Another replica leads this projection; only the leader may reset and replay it. */
export class ProjectionNotLeaderError extends VorchError {
  constructor(projection: string) {
    super('PROJECTION.NOT_LEADER', `another process is running projection ${projection}`, 409, { projection });
  }
}
