export * from './inventory-resource.js';
export * from './inventory-diff.js';
export * from './site.events.js';
export * from './site.commands.js';
export * from './site.state.js';
export * from './site.errors.js';
export * from './site.decider.js';
export * from './interop-facts.js';
