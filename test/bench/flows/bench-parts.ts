/**
 * `BENCH_FLOWS_ONLY=decode|e2e|propagation` runs one part of the flows benchmark (e.g. to profile propagation
 * without waiting for the decode and end-to-end cases); unset runs every part.
 */
export type FlowsBenchPart = 'decode' | 'e2e' | 'propagation';

export function runsPart(part: FlowsBenchPart): boolean {
  const only = process.env.BENCH_FLOWS_ONLY;
  return !only || only === part;
}
