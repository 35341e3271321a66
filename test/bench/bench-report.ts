/** The p-th percentile (nearest rank) of samples; the input is not modified. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Prints one benchmark result as a JSON line: `{bench, case, value, unit}`, plus `baseline` and `ratio` when the
 * case has a baseline measured in the same run.
 */
export function benchReporter(bench: string, decimals = 2) {
  const scale = 10 ** decimals;
  const round = (v: number) => Math.round(v * scale) / scale;
  return (c: string, value: number, unit: string, baseline?: number): void => {
    const line: Record<string, unknown> = { bench, case: c, value: round(value), unit };
    if (baseline !== undefined) Object.assign(line, { baseline: round(baseline), ratio: Math.round((value / baseline) * 100) / 100 });
    console.log(JSON.stringify(line));
  };
}
