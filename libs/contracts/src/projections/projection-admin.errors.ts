import { ConflictError, VorchError } from '../errors.js';

/** No service runs a projection of that name. */
export class ProjectionNotFoundError extends VorchError {
  constructor(name: string, details: Record<string, unknown> = {}) {
    super('PROJECTION.NOT_FOUND', `no service runs a projection named ${name}`, 404, { name, ...details });
  }
}

/** A rebuild of the projection is already under way; it must finish (or fail) before another starts. */
export class ProjectionRebuildRunningError extends ConflictError {
  constructor(name: string, startedAt: string) {
    super('PROJECTION.REBUILD_RUNNING', `a rebuild of projection ${name} is already running (started ${startedAt})`, { name, startedAt });
  }
}
