export * from './interop-subjects.js';
export * from './interop-vocabulary.js';
export * from './register-resource.input.js';
export * from './import-matrix.input.js';
export * from './interop-queries.input.js';
export * from './inventory-resource-discovered.js';
export * from './interop.views.js';
