import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

export const appendsTotal = new Counter({
  name: 'vorch_eventstore_appends_total',
  help: 'Appends by outcome (committed, duplicate, conflict, unavailable, refused, error)',
  labelNames: ['stream', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const appendSeconds = new Histogram({
  name: 'vorch_eventstore_append_seconds',
  help: 'Time from publish to PubAck of one commit',
  labelNames: ['stream'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
  registers: [metricsRegistry],
});

export const loadsTotal = new Counter({
  name: 'vorch_eventstore_loads_total',
  help: 'Aggregate loads by snapshot use (hit, miss, stale, off)',
  labelNames: ['stream', 'snapshot'] as const,
  registers: [metricsRegistry],
});

export const loadSeconds = new Histogram({
  name: 'vorch_eventstore_load_seconds',
  help: 'Time to load one aggregate (snapshot read plus replay)',
  labelNames: ['stream'] as const,
  buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
  registers: [metricsRegistry],
});

export const replayedEventsTotal = new Counter({
  name: 'vorch_eventstore_replayed_events_total',
  help: 'Events folded while loading aggregates (after the snapshot, if any)',
  labelNames: ['stream'] as const,
  registers: [metricsRegistry],
});

export const snapshotsWrittenTotal = new Counter({
  name: 'vorch_eventstore_snapshots_written_total',
  help: 'Snapshots written to the snapshot bucket',
  labelNames: ['stream'] as const,
  registers: [metricsRegistry],
});

export const commandRetriesTotal = new Counter({
  name: 'vorch_eventstore_command_retries_total',
  help: 'handleCommand attempts repeated after a ConcurrencyError',
  labelNames: ['aggregate_type'] as const,
  registers: [metricsRegistry],
});
