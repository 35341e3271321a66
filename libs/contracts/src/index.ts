export * from './envelope.js';
export * from './errors.js';
export * from './validation.js';
export * from './upcasting.js';
export * from './commit.js';
export * from './decider.js';
export * from './inventory/index.js';
export * from './interop/index.js';
