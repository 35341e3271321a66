export * from './switch-inventory.js';
export * from './traffic-plan.js';
export * from './simulated-switch-fabric.js';
export * from './dialect-ids.js';
