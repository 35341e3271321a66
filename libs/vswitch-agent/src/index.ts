export * from './domain-pair-tally.js';
export * from './traffic-accumulator.js';
export * from './ipfix-datagram.js';
export * from './ipfix-exporter.js';
export * from './address-map-follower.js';
export * from './vswitch-agent.js';
export * from './ethernet-frame.js';
