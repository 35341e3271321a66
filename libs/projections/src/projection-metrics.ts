import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

const labelNames = ['projection'] as const;

/** Registered once per process on the shared registry; every runner labels its series with the projection name. */
export const projectionMetrics = {
  lagEvents: new Gauge({
    name: 'vorch_projection_lag_events',
    help: 'Stream messages matching the projection filter that are not yet applied to the read model',
    labelNames,
    registers: [metricsRegistry],
  }),
  lagSeconds: new Gauge({
    name: 'vorch_projection_lag_seconds',
    help: 'Age of the oldest stream message not yet applied to the read model (0 when caught up)',
    labelNames,
    registers: [metricsRegistry],
  }),
  checkpoint: new Gauge({
    name: 'vorch_projection_checkpoint',
    help: 'Last stream sequence applied to the read model',
    labelNames,
    registers: [metricsRegistry],
  }),
  applied: new Counter({
    name: 'vorch_projection_messages_applied_total',
    help: 'Stream messages (commits) applied to the read model',
    labelNames,
    registers: [metricsRegistry],
  }),
  batchSeconds: new Histogram({
    name: 'vorch_projection_batch_duration_seconds',
    help: 'Time to apply one batch and commit it with its checkpoint',
    labelNames,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metricsRegistry],
  }),
  applyErrors: new Counter({
    name: 'vorch_projection_apply_errors_total',
    help: 'Batches rolled back because an event could not be applied',
    labelNames,
    registers: [metricsRegistry],
  }),
  stopped: new Gauge({
    name: 'vorch_projection_stopped',
    help: '1 while the projection is stopped on an event recorded in projection_failures',
    labelNames,
    registers: [metricsRegistry],
  }),
};
