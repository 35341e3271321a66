export * from './logger.js';
export * from './tracing.js';
export * from './recent-spans.js';
export * from './metrics.js';
