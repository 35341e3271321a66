import type { RetryPolicy } from '#vorch/stitching-domain';

/** Environment of the network-stitching service (which also hosts the address manager), read once at start. */
export interface NetworkStitchingConfig {
  natsUrl: string;
  /** PostgreSQL of the read model (networks, their sites, their ports). */
  databaseUrl: string;
  /** How often every active site's network is read back and compared with the identity (drift); 0 turns it off. */
  driftCheckMs: number;
  /** How long a VIM operation through the inventory service may take before it counts as unreachable. */
  vimTimeoutMs: number;
  /** VNIs Vorch hands out (vxlan); leave out ids the sites' provider networks use. */
  vniRange: { min: number; max: number };
  /** Backoff while a site does not answer; the domain's default (1 s doubling to 5 min) when absent. */
  retryPolicy?: RetryPolicy;
  /** The sweep of ports created on a VIM but never recorded (a crash in between); absent or intervalMs 0: off. */
  orphanSweep?: { intervalMs: number; graceMs: number };
}

export function networkStitchingConfigFromEnv(env = process.env): NetworkStitchingConfig {
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vorch',
    driftCheckMs: Number(env.VORCH_DRIFT_CHECK_MS ?? 30000),
    vimTimeoutMs: Number(env.VORCH_VIM_TIMEOUT_MS ?? 15000),
    vniRange: { min: Number(env.VORCH_VNI_MIN ?? 10000), max: Number(env.VORCH_VNI_MAX ?? 16000000) },
    orphanSweep: { intervalMs: Number(env.VORCH_ORPHAN_SWEEP_MS ?? 60000), graceMs: Number(env.VORCH_ORPHAN_GRACE_MS ?? 300000) },
  };
}
