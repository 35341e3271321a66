import type { StatsResolution } from '#vorch/contracts';

/** Bucket width of each resolution; every batch is added to all three, which is what the rollup is. */
export const RESOLUTION_MS: Readonly<Record<StatsResolution, number>> = { '10s': 10_000, '1m': 60_000, '1h': 3_600_000 };

export const bucketStart = (ms: number, resolution: StatsResolution) => Math.floor(ms / RESOLUTION_MS[resolution]) * RESOLUTION_MS[resolution];

/** The finest resolution that keeps a range to a few hundred buckets. */
export function resolutionFor(fromMs: number, toMs: number): StatsResolution {
  const span = toMs - fromMs;
  if (span <= 2 * 3_600_000) return '10s';
  if (span <= 2 * 86_400_000) return '1m';
  return '1h';
}
