import { Histogram } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

/** Module-level so that several gateways in one process (tests) share one registration. */
export const httpRequestDuration = new Histogram({
  name: 'vorch_http_request_duration_seconds',
  help: 'Gateway HTTP request duration, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
