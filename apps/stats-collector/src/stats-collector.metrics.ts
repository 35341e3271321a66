import { Counter, Gauge } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

/** Created once per process: several collector instances (tests) share them, as labels tell them apart. */
export const flowDatagramsTotal = new Counter({
  name: 'vorch_flow_datagrams_total',
  help: 'Flow export datagrams by outcome: received, decoded, malformed, dropped (socket overflow or back-pressure)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

export const flowRecordsTotal = new Counter({
  name: 'vorch_flow_records_total',
  help: 'Flow records and agent-mode flows counted into statistics, by traffic class',
  labelNames: ['class', 'mode'],
  registers: [metricsRegistry],
});

export const trafficBytesTotal = new Counter({
  name: 'vorch_traffic_bytes_total',
  help: 'Bytes counted into statistics, by traffic class',
  labelNames: ['class'],
  registers: [metricsRegistry],
});

export const statsBatchesTotal = new Counter({
  name: 'vorch_stats_batches_total',
  help: 'Counter batches published to the statistics stream (mode: collector or agent), or dropped',
  labelNames: ['mode', 'outcome'],
  registers: [metricsRegistry],
});

export const addressReportsTotal = new Counter({
  name: 'vorch_address_reports_total',
  help: 'Switch address reports, applied or rejected',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

export const addressMapRevision = new Gauge({
  name: 'vorch_address_map_revision',
  help: 'Address map bucket revision the collector classifies with',
  registers: [metricsRegistry],
});
