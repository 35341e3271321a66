import { Gauge } from 'prom-client';
import { metricsRegistry } from '#vorch/telemetry';

/** A gauge, not a counter: the same disagreement is re-judged at every report, and what matters is how many stand now. */
export const addressEntriesOverruled = new Gauge({
  name: 'vorch_address_entries_overruled',
  help: 'Inventory address entries left out of a domain\'s distributed map because a switch reports the address for another VM or host',
  labelNames: ['domain'],
  registers: [metricsRegistry],
});
