import { pino, type Logger } from 'pino';
import { trace } from '@opentelemetry/api';

const level = process.env.VORCH_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info';

const root = pino({
  level,
  base: { service: process.env.OTEL_SERVICE_NAME ?? 'vorch' },
  // Every line carries the active trace, so logs and traces join up without extra work at call sites.
  mixin() {
    const span = trace.getActiveSpan()?.spanContext();
    return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
  },
  redact: { paths: ['*.password', '*.credentials', '*.secret', '*.apiKey', 'credentials', 'password'], censor: '[redacted]' },
});

export type { Logger };

export function createLogger(component: string): Logger {
  return root.child({ component });
}

/** Logs at most `perWindow` lines per window per key, and says how many it held back: a flood of bad input must not flood the log. */
export function rateLimitedLogger(log: Logger, perWindow = 10, windowMs = 10000, now: () => number = Date.now) {
  const windows = new Map<string, { start: number; count: number; suppressed: number }>();
  return (key: string, obj: object, msg: string) => {
    const at = now();
    let w = windows.get(key);
    if (!w || at - w.start >= windowMs) {
      if (w?.suppressed) log.warn({ key, suppressed: w.suppressed }, 'log lines suppressed by rate limit');
      w = { start: at, count: 0, suppressed: 0 };
      windows.set(key, w);
    }
    if (w.count++ < perWindow) log.warn(obj, msg);
    else w.suppressed++;
  };
}
