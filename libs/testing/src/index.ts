export * from './repo-root.js';
export * from './test-nats.js';
export * from './test-database.js';
export * from './private-servers.js';
export * from './eventually.js';
