export * from './topology/topology.js';
export * from './topology/load-topology.js';
export * from './topology/generate-topology.js';
export * from './http/infra-sim-server.js';
export * from './admin/sim-admin.js';
export * from './model/sim-errors.js';
export type { SiteTiming } from './model/site-model.js';
export { buildSite, type SimSite, type BuildOptions } from './model/build-site.js';
export * from './traffic/index.js';
