import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (metricsRegistry.getSingleMetric(name) as Counter | undefined) ?? new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

/** One HTTP exchange with a VIM, by dialect and outcome (ok, or the DriverError code). */
export const driverRequests = counter('vorch_driver_requests_total', 'HTTP calls from VIM drivers, by final outcome', ['dialect', 'method', 'outcome']);

/** Retries by reason (timeout, refused, reset, 429, 503, …): a rising line is a site in trouble before calls start failing. */
export const driverRetries = counter('vorch_driver_retries_total', 'Retried VIM calls, by the reason of the retry', ['dialect', 'reason']);

export const driverLatency =
  (metricsRegistry.getSingleMetric('vorch_driver_request_seconds') as Histogram | undefined) ??
  new Histogram({
    name: 'vorch_driver_request_seconds',
    help: 'Duration of VIM driver calls including retries',
    labelNames: ['dialect', 'method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [metricsRegistry],
  });
