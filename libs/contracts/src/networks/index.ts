export * from './network-subjects.js';
export * from './network.inputs.js';
export * from './ipam.inputs.js';
export * from './network.views.js';
export * from './mac-prefix.inputs.js';
