import { Counter } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

export const importsTotal = new Counter({
  name: 'vorch_interop_imports_total',
  help: 'Matrix imports by outcome (refused: the file had errors; completed; failed: stopped before completing)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});

export const importChunksTotal = new Counter({
  name: 'vorch_interop_import_chunks_total',
  help: 'Import chunks appended to the event store',
  registers: [metricsRegistry],
});

export const discoveredTotal = new Counter({
  name: 'vorch_interop_discovered_total',
  help: 'Discovery events consumed, by outcome (registered, unchanged, invalid, failed)',
  labelNames: ['outcome'],
  registers: [metricsRegistry],
});
