import type { SpanRecord } from '#vorch/telemetry';

export interface TraceSummary {
  traceId: string;
  /** The name of the trace's first span in this process (usually the HTTP or gRPC server span). */
  name: string;
  startMs: number;
  durationMs: number;
  spanCount: number;
  services: string[];
  status: 'ok' | 'error';
}

// The console polls these; listing its own polling would bury everything else.
const noisePaths = new Set(['/', '/healthz', '/readyz', '/metrics', '/v1/traces']);

/** Groups a process's recent spans into traces, newest first. */
export function summarizeTraces(spans: SpanRecord[], limit: number): TraceSummary[] {
  const byTrace = new Map<string, SpanRecord[]>();
  for (const s of spans) {
    const list = byTrace.get(s.traceId) ?? [];
    list.push(s);
    byTrace.set(s.traceId, list);
  }
  const summaries: TraceSummary[] = [];
  for (const [traceId, list] of byTrace) {
    const root = list.reduce((a, b) => (b.startMs < a.startMs ? b : a));
    if (noisePaths.has(String(root.attributes['url.path'] ?? ''))) continue;
    const start = root.startMs;
    const end = Math.max(...list.map((s) => s.startMs + s.durationMs));
    summaries.push({
      traceId,
      name: root.name,
      startMs: start,
      durationMs: end - start,
      spanCount: list.length,
      services: [...new Set(list.map((s) => s.service))],
      status: list.some((s) => s.status === 'error') ? 'error' : 'ok',
    });
  }
  return summaries.sort((a, b) => b.startMs - a.startMs).slice(0, limit);
}
