/** Environment of the inventory service, read once at start. */
export interface InventoryConfig {
  natsUrl: string;
  databaseUrl: string;
  credentialsKey: string;
  /** Full re-discovery of every ready site this often; 0 turns it off. */
  rediscoverySeconds: number;
  /** Follow each ready site's change feed and re-walk it soon after a change (drift within seconds); default on. */
  watch?: boolean;
  /** Page size asked of the drivers. */
  pageSize: number;
  /** First retry of an unreachable site after this many ms, doubling up to 5 minutes. */
  retryBaseMs: number;
  /**
   * Ttl of the discovery lease: only its holder runs the supervisor, and another replica takes over within about
   * this long after the holder died. Default DEFAULT_LEASE_MS.
   */
  leaseMs?: number;
  /** Prefix of the stats-collector's subjects the site address reports go to; empty in production (tests only). */
  statsPrefix?: string;
}

export const DEFAULT_LEASE_MS = 15000;

export function inventoryConfigFromEnv(env = process.env): InventoryConfig {
  const credentialsKey = env.VORCH_CREDENTIALS_KEY ?? '';
  if (!/^[0-9a-fA-F]{64}$/.test(credentialsKey)) {
    throw new Error('VORCH_CREDENTIALS_KEY must be set to 64 hex characters (the key that seals site credentials)');
  }
  const leaseMs = Number(env.VORCH_INVENTORY_LEASE_MS ?? DEFAULT_LEASE_MS);
  if (!Number.isInteger(leaseMs) || leaseMs < 1000) {
    throw new Error(`VORCH_INVENTORY_LEASE_MS must be a whole number of milliseconds, at least 1000 (got ${env.VORCH_INVENTORY_LEASE_MS})`);
  }
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vorch',
    credentialsKey,
    rediscoverySeconds: Number(env.VORCH_REDISCOVERY_SECONDS ?? 300),
    watch: env.VORCH_SITE_WATCH !== 'false',
    pageSize: Number(env.VORCH_DISCOVERY_PAGE_SIZE ?? 500),
    retryBaseMs: Number(env.VORCH_SITE_RETRY_BASE_MS ?? 2000),
    statsPrefix: env.VORCH_STATS_PREFIX ?? '',
    leaseMs,
  };
}
