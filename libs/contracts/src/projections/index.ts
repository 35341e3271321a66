export * from './projection-subjects.js';
export * from './rebuild-projection.input.js';
export * from './projection-status.views.js';
export * from './projection-admin.errors.js';
export * from './newer-rebuild-outcome.js';
