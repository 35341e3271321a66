export * from './stats-subjects.js';
export * from './address-map-keys.js';
export * from './vm-traffic-batch.input.js';
export * from './stats-queries.input.js';
export * from './stats.views.js';
