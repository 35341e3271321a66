// Flow statistics end to end, and address map propagation. Prints one JSON line per case:
//   e2e-records            records/s from IPFIX exporters over UDP through decode, classification, JetStream and the
//                          projection into PostgreSQL (baseline: decode + classify alone on the same datagrams, same run)
//   e2e-loss-accounted     records sent but counted as dropped (kernel socket overflow, publish queue overflow)
//   e2e-loss-unaccounted   records sent that are neither in the read model nor counted as dropped (goal: 0)
//   catch-up-N-switches    ms for N switches started after every report was folded to all hold the full map
//   propagation-p50/p99    ms from a switch's address report to the moment every one of 1,000 switches applied the
//                          new map (all switches run in this one process, so their work shares its two cores). Each
//                          switch really does its part: parses the changed domain's KV value and replaces that domain
//                          in its own index (O(size of the domain)); times come from each switch's onMapApplied
//                          callback, so measuring costs no polling of 1,000 switches
//   propagation-first-switch-p50/p99  the same to the first switch: controller + KV latency without the queueing of
//                          1,000 simulated switches behind one event loop
// BENCH_FLOWS_ONLY=decode|e2e|propagation runs one part (e.g. to profile propagation alone); BENCH_SWITCHES,
// BENCH_PROPAGATION_ROUNDS, BENCH_FLOW_RATE and BENCH_FLOW_SECONDS size the runs, BENCH_VERBOSE=1 prints progress.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { statsSubjects } from '#vorch/contracts';
import { AddressIndex, DecodeCounters, decodeDatagram, ExporterTemplates } from '#vorch/stats-domain';
import { testDatabase, testNats } from '#vorch/testing';
import { AddressMapFollower, buildIpfixMessage, IpfixExporter, TrafficAccumulator, VSwitchAgent, type ExportedFlow } from '#vorch/vswitch-agent';
import { percentile } from '../bench-report.js';
import { runsPart } from './bench-parts.js';
import { PropagationWatch } from './propagation-watch.js';
import { createStatsCollectorService } from '../../../apps/stats-collector/src/create-stats-collector-service.js';

const RATE = Number(process.env.BENCH_FLOW_RATE ?? 60000);
const SECONDS = Number(process.env.BENCH_FLOW_SECONDS ?? 10);
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 1000);
const ROUNDS = Number(process.env.BENCH_PROPAGATION_ROUNDS ?? 20);
const DOMAINS = 10;
const VMS = 1000;

const print = (c: string, value: number, unit: string, baseline?: number) =>
  console.log(JSON.stringify({ bench: 'flows', case: c, value: Math.round(value * 100) / 100, unit, ...(baseline ? { baseline: Math.round(baseline), ratio: Math.round((value / baseline) * 100) / 100 } : {}) }));

const vmEntry = (i: number) => ({
  vmId: `vm-${i}`, ip: `10.${i >> 8}.${i & 255}.1`, mac: `02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`,
  hostId: `h-${i % 100}`, domainId: `d${i % DOMAINS}`, tenantId: 'bench',
});
const progress = (msg: string) => { if (process.env.BENCH_VERBOSE) console.error(`[flows] ${msg}`); };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Flows between random VMs, one in ten to an address nobody knows. */
function flowsFor(n: number): ExportedFlow[] {
  return Array.from({ length: n }, (_, k) => {
    const a = vmEntry((k * 7919) % VMS);
    const b = k % 10 === 0 ? { ip: `198.51.100.${k % 250}`, mac: '02:ff:00:00:00:01' } : vmEntry((k * 104729 + 13) % VMS);
    return { srcMac: a.mac, dstMac: b.mac, srcIp: a.ip, dstIp: b.ip, protocol: 6, srcPort: 1024 + (k % 50000), dstPort: 443, bytes: 1000, packets: 2 };
  });
}

async function endToEnd(nc: NatsConnection, prefix: string, natsUrl: string, databaseUrl: string): Promise<void> {
  const subjects = statsSubjects(prefix);
  const { app, core } = await createStatsCollectorService({ natsUrl, databaseUrl, prefix, flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 500 });
  try {
    // 1. the address map: one switch per domain reports its VMs; wait until the collector classifies with all of them
    const reporters: VSwitchAgent[] = [];
    for (let d = 0; d < DOMAINS; d++) {
      const sw = await VSwitchAgent.start({ nc, switchId: `rep-${d}`, domainId: `d${d}`, subjects });
      await sw.reportVms(Array.from({ length: VMS }, (_, i) => vmEntry(i)).filter((e) => e.domainId === `d${d}`));
      reporters.push(sw);
    }
    while (reporters.some((r) => r.map.index.size < VMS) || core.collector.mapRevision < Math.max(...reporters.map((r) => r.map.revision))) await sleep(50);
    progress('address map distributed');
    // 2. baseline: decode + classify alone, same datagrams, this process
    const flows = flowsFor(30 * 200);
    const datagrams = Array.from({ length: 200 }, (_, i) => buildIpfixMessage(flows.slice(i * 30, i * 30 + 30), { observationDomainId: 1, sequence: i * 30, exportTimeSec: 1, withTemplates: i === 0 }));
    const index = AddressIndex.build(1, Array.from({ length: VMS }, (_, i) => vmEntry(i)));
    const acc = new TrafficAccumulator();
    const cache = new ExporterTemplates();
    const counters = new DecodeCounters();
    let decoded = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      for (const d of datagrams) for (const r of decodeDatagram(d, 'x', cache, counters).records) {
        acc.addFlow(index, r);
        decoded++;
      }
      acc.drain('x', 1, 1);
    }
    const baseline = decoded / ((performance.now() - t0) / 1000);
    progress(`baseline ${Math.round(baseline)} records/s`);
    // 3. paced export: RATE records/s for SECONDS, in 10 ms ticks, from 4 exporters
    const port = core.collector.ports[0];
    const exporters = Array.from({ length: 4 }, (_, i) => new IpfixExporter({ host: '127.0.0.1', port, observationDomainId: i + 1 }));
    const perTick = Math.round(RATE / 100);
    const start = performance.now();
    let tick = 0;
    while (performance.now() - start < SECONDS * 1000) {
      const chunk = flows.slice((tick * perTick) % (flows.length - perTick), ((tick * perTick) % (flows.length - perTick)) + perTick);
      await exporters[tick % exporters.length].export(chunk);
      tick++;
      const ahead = start + tick * 10 - performance.now();
      if (ahead > 0) await sleep(ahead);
    }
    const sent = exporters.reduce((n, e) => n + e.recordsSent, 0);
    for (const e of exporters) e.close();
    progress(`sent ${sent}`);
    // 4. wait for the read model to hold everything the collector counted
    await sleep(200);
    await core.collector.flush();
    await core.waitForCountersProjected(120000);
    const elapsed = (performance.now() - start) / 1000;
    const c = core.collector.counterView();
    const projected = await projectedRecords(databaseUrl);
    const accounted = c.recordsDropped + (c.dropped * 30);
    print('e2e-records', projected / elapsed, 'records/s', baseline);
    print('e2e-offered', sent / SECONDS, 'records/s');
    print('e2e-loss-accounted', accounted, 'records');
    print('e2e-loss-unaccounted', Math.max(0, sent - projected - accounted), 'records');
    for (const r of reporters) r.stop();
  } finally {
    await app.close();
  }
}

/** Every record is one flow in exactly one domain-matrix cell (known or external ends alike). */
async function projectedRecords(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const r = await client.query(`select coalesce(sum(flows), 0)::float8 as n from stats_domain_traffic where resolution = '1h'`);
    return Number(r.rows[0].n);
  } finally {
    await client.end();
  }
}

async function propagation(natsUrl: string, prefix: string, databaseUrl: string): Promise<void> {
  const subjects = statsSubjects(prefix);
  const { app } = await createStatsCollectorService({ natsUrl, databaseUrl, prefix, flowHost: '127.0.0.1', ipfixPort: 0, netflowPort: 0, sflowPort: 0, flushMs: 1000 });
  const connections = await Promise.all(Array.from({ length: 10 }, () => connect({ servers: natsUrl })));
  const watch = new PropagationWatch(SWITCHES);
  const switches: VSwitchAgent[] = [];
  try {
    // 1. every switch's report is on the bus before the switches follow the map (as after a controller restart), so
    //    1,000 switches then catch up through their watch; one VM per switch, 10 domains
    const js = jetstream(connections[0]);
    await Promise.all(Array.from({ length: SWITCHES }, (_, i) =>
      js.publish(subjects.addresses(`sw-${i}`), JSON.stringify({ domainId: `d${i % DOMAINS}`, version: 1, entries: [vmEntry(i)] }))));
    const probe = await AddressMapFollower.start(connections[0], subjects.addressMapBucket);
    while (probe.index.size < SWITCHES) await sleep(100);
    probe.stop();
    progress('controller folded every report');
    const catchUpStart = Date.now();
    for (let i = 0; i < SWITCHES; i++) {
      switches.push(await VSwitchAgent.start({
        nc: connections[i % connections.length], switchId: `sw-${i}`, domainId: `d${i % DOMAINS}`, subjects,
        onMapApplied: (_revision, at) => watch.applied(i, switches[i]?.map.index, at),
      }));
    }
    while (switches.some((s) => s.map.index.size < SWITCHES)) await sleep(100);
    print(`catch-up-${SWITCHES}-switches`, Date.now() - catchUpStart, 'ms');
    progress('switches converged');
    // 2. rounds: one switch reports a change; time until the last switch applied it
    const times: number[] = [];
    const firstTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const i = (round * 37) % SWITCHES;
      const moved = { ...vmEntry(i), domainId: `d${i % DOMAINS}`, hostId: `moved-${round}` };
      // the round is done when every switch has applied a map with the VM on its new host
      const seen = watch.expect(moved.ip, moved.hostId);
      const t0 = Date.now();
      await switches[i].reportVms([moved]);
      const firstSeen = await seen;
      progress(`round ${round}: last switch ${Math.max(...firstSeen) - t0} ms`);
      times.push(Math.max(...firstSeen) - t0);
      firstTimes.push(Math.min(...firstSeen) - t0);
    }
    print('propagation-p50', percentile(times, 50), 'ms');
    print('propagation-p99', percentile(times, 99), 'ms');
    print('propagation-first-switch-p50', percentile(firstTimes, 50), 'ms');
    print('propagation-first-switch-p99', percentile(firstTimes, 99), 'ms');
    print('propagation-switches', SWITCHES, 'switches');
  } finally {
    for (const s of switches) s.stop();
    await Promise.all(connections.map((c) => c.close()));
    await app.close();
  }
}

/** End-to-end records/s into the statistics model with loss counted, and address-map propagation to 1,000 switches. */
export async function runEndToEnd(): Promise<void> {
  const nats = await testNats();
  if (runsPart('e2e')) {
    const db = await testDatabase();
    try {
      await endToEnd(nats.nc, nats.prefix, nats.url, db.url);
    } finally {
      await db.drop();
      await dropPrefixed(nats.nc, nats.prefix);
    }
  }
  if (!runsPart('propagation')) return nats.cleanup();
  const nats2 = await testNats();
  const db2 = await testDatabase();
  try {
    await propagation(nats2.url, nats2.prefix, db2.url);
  } finally {
    await db2.drop();
    await dropPrefixed(nats2.nc, nats2.prefix);
    await nats2.cleanup();
  }
  await nats.cleanup();
}

/** Streams and KV buckets named after the prefix (upper case, as statsSubjects names them). */
async function dropPrefixed(nc: NatsConnection, prefix: string): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const up = prefix.toUpperCase();
  for await (const s of jsm.streams.list()) {
    if (s.config.name.startsWith(up) || s.config.name.startsWith(`KV_${up}`)) await jsm.streams.delete(s.config.name).catch(() => false);
  }
}
