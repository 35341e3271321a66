export * from './projection.js';
export * from './projection-runner.js';
export * from './projection-errors.js';
export * from './create-data-source.js';
export * from './projections.module.js';
export type { ProjectionFailure } from './checkpoint-store.js';
export * from './admin/projection-admin.js';
