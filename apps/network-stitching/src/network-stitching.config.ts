import type { RetryPolicy } from '#vorch/stitching-domain';

/** Environment of the network-stitching service (which also hosts the address manager), read once at start. */
export interface NetworkStitchingConfig {
  natsUrl: string;
  /** How often every active site's network is read back and compared with the identity (drift); 0 turns it off. */
  driftCheckMs: number;
  /** How long a VIM operation through the inventory service may take before it counts as unreachable. */
  vimTimeoutMs: number;
  /** VNIs Vorch hands out (vxlan); leave out ids the sites' provider networks use. */
  vniRange: { min: number; max: number };
  /** Backoff while a site does not answer; the domain's default (1 s doubling to 5 min) when absent. */
  retryPolicy?: RetryPolicy;
}

export function networkStitchingConfigFromEnv(env = process.env): NetworkStitchingConfig {
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    driftCheckMs: Number(env.VORCH_DRIFT_CHECK_MS ?? 30000),
    vimTimeoutMs: Number(env.VORCH_VIM_TIMEOUT_MS ?? 15000),
    vniRange: { min: Number(env.VORCH_VNI_MIN ?? 10000), max: Number(env.VORCH_VNI_MAX ?? 16000000) },
  };
}
