export * from './register-site.input.js';
export * from './site-queries.input.js';
export * from './inventory-subjects.js';
export * from './site.view.js';
export * from './vim-operation.input.js';
