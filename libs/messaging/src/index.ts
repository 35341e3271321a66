export * from './nats-connection.js';
export * from './trace-headers.js';
export * from './wire.js';
export * from './bus.js';
export * from './serve-requests.js';
export * from './handle-request.decorator.js';
export * from './messaging.module.js';
