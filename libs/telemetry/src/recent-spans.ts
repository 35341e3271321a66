import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  startMs: number;
  durationMs: number;
  status: 'ok' | 'error';
  attributes: Record<string, unknown>;
}

/** A bounded ring of this process's finished spans; the console reads it when no tracing backend is configured. */
class RecentSpans {
  private readonly ring: SpanRecord[] = [];
  constructor(private readonly capacity = 2000) {}

  readonly processor: SpanProcessor = {
    onStart: (_span: Span, _ctx: Context) => {},
    onEnd: (span: ReadableSpan) => this.push(span),
    forceFlush: async () => {},
    shutdown: async () => {},
  };

  private push(span: ReadableSpan): void {
    const ctx = span.spanContext();
    const [s, ns] = span.startTime;
    const [ds, dns] = span.duration;
    this.ring.push({
      traceId: ctx.traceId,
      spanId: ctx.spanId,
      parentSpanId: span.parentSpanContext?.spanId,
      name: span.name,
      service: String(span.resource.attributes['service.name'] ?? ''),
      startMs: s * 1000 + ns / 1e6,
      durationMs: ds * 1000 + dns / 1e6,
      status: span.status.code === 2 ? 'error' : 'ok',
      attributes: { ...span.attributes },
    });
    if (this.ring.length > this.capacity) this.ring.shift();
  }

  byTrace(traceId: string): SpanRecord[] {
    return this.ring.filter((r) => r.traceId === traceId);
  }

  latest(limit = 100): SpanRecord[] {
    return this.ring.slice(-limit);
  }
}

export const recentSpans = new RecentSpans();
