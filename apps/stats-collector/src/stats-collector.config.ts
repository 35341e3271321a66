/** Environment of the stats-collector, read once at start. */
export interface StatsCollectorConfig {
  natsUrl: string;
  databaseUrl: string;
  /** Subject/stream prefix; empty in production (tests and benchmarks sharing a server set one). */
  prefix: string;
  /** UDP listen address and ports; every port takes IPFIX, NetFlow v9/v5 and sFlow. 0 = any free port. */
  flowHost: string;
  ipfixPort: number;
  netflowPort: number;
  sflowPort: number;
  /** How often collector mode publishes its in-memory interval (ms). */
  flushMs: number;
}

export function statsCollectorConfigFromEnv(env = process.env): StatsCollectorConfig {
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vorch',
    prefix: env.VORCH_STATS_PREFIX ?? '',
    flowHost: env.VORCH_FLOW_HOST ?? '0.0.0.0',
    ipfixPort: Number(env.VORCH_IPFIX_PORT ?? 4739),
    netflowPort: Number(env.VORCH_NETFLOW_PORT ?? 2055),
    sflowPort: Number(env.VORCH_SFLOW_PORT ?? 6343),
    flushMs: Number(env.VORCH_STATS_FLUSH_MS ?? 1000),
  };
}
