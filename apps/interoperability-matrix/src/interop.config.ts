/** Environment of the interoperability-matrix service, read once at start. */
export interface InteropConfig {
  natsUrl: string;
  databaseUrl: string;
  /** Port of /metrics (VORCH_METRICS_PORT); 0 picks a free one. */
  metricsPort: number;
  /** Connections of the projection's pool and of the query pool. */
  dbPoolSize: number;
  queryPoolSize: number;
}

export function interopConfigFromEnv(env = process.env): InteropConfig {
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vorch',
    metricsPort: Number(env.VORCH_METRICS_PORT ?? 0),
    dbPoolSize: Number(env.VORCH_DB_POOL_SIZE ?? 10),
    queryPoolSize: Number(env.VORCH_QUERY_POOL_SIZE ?? 4),
  };
}
