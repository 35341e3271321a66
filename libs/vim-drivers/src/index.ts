export * from './inventory.js';
export * from './vim-driver.js';
export * from './driver-errors.js';
export * from './driver-options.js';
export * from './create-driver.js';
