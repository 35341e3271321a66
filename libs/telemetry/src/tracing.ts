import { context, propagation, trace, SpanKind, SpanStatusCode, type Span, type Context } from '@opentelemetry/api';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { recentSpans } from './recent-spans.js';

let provider: NodeTracerProvider | undefined;

/**
 * Configures tracing from the standard OTEL_* variables: OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT
 * (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, and always a small in-process buffer of recent spans
 * so a machine without Jaeger or Tempo can still show traces. OTEL_SDK_DISABLED=true turns it off.
 */
export function initTracing(serviceName: string): void {
  if (provider || process.env.OTEL_SDK_DISABLED === 'true') return;
  const processors: SpanProcessor[] = [recentSpans.processor];
  const endpoint = process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (endpoint && process.env.OTEL_TRACES_EXPORTER !== 'none') {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter()));
  }
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: process.env.OTEL_SERVICE_NAME ?? serviceName }),
    spanProcessors: processors,
  });
  provider.register();
}

export async function shutdownTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

export const tracer = () => trace.getTracer('vorch');

/** Writes the active context's W3C traceparent into a header carrier (set(key, value)). */
export function injectTrace(set: (key: string, value: string) => void, ctx: Context = context.active()): void {
  propagation.inject(ctx, undefined, { set: (_c, k, v) => set(k, v) });
}

/** Reads a W3C traceparent from a header carrier (get(key)) into a context. */
export function extractTrace(get: (key: string) => string | undefined): Context {
  return propagation.extract(context.active(), undefined, {
    get: (_c, k) => get(k),
    keys: () => ['traceparent', 'tracestate'],
  });
}

/** Runs fn inside a span (child of parent when given); records the error and rethrows. */
export async function inSpan<T>(
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
  parent: Context = context.active(),
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return tracer().startActiveSpan(name, { attributes, kind }, parent, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}

export { SpanKind };
