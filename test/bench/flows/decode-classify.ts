// npm run bench -- flows
// Decodes and classifies flow export datagrams on one core: IPFIX (and the NetFlow v9 it shares code with) from the
// pmacct/akvorado captures, and sFlow v5 from the akvorado captures, replayed in a loop against an address map of
// 10,000 VMs. The baseline of each case is decoding alone, measured in the same run, so the ratio is what
// classification costs. A third case rewrites the source addresses so they almost never repeat (the worst case for
// the address caches). Each case runs ROUNDS times interleaved with its baseline; the median round is reported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AddressIndex, DecodeCounters, ExporterTemplates, VmTrafficTally, decodeDatagram, readCapture, udpDatagrams,
  type AddressEntry, type CapturedDatagram,
} from '#vorch/stats-domain';
import { repoRoot } from '#vorch/testing';
import { percentile } from '../bench-report.js';
import { runsPart } from './bench-parts.js';

const ROUNDS = 5;
const ROUND_MS = 1500;
const VMS = 10_000;

const IPFIX_CAPTURES = [
  'pmacct/100-IPFIXv10-CISCO/traffic-00.pcap',
  'pmacct/104-IPFIXv10-IPv6-CISCO-sampling_option/traffic-00.pcap',
  'pmacct/106-IPFIXv10-HUAWEI-vrf_name/traffic-00.pcap',
  'akvorado/netflow/ipfixprobe-templates.pcap', 'akvorado/netflow/ipfixprobe-data.pcap',
];
const SFLOW_CAPTURES = [
  'akvorado/sflow/data-1140.pcap', 'akvorado/sflow/data-encap-vxlan.pcap', 'akvorado/sflow/data-qinq.pcap',
  'akvorado/sflow/data-sflow-expanded-sample.pcap', 'akvorado/sflow/data-sflow-ipv4-data.pcap', 'akvorado/sflow/data-sflow-raw-ipv4.pcap',
];

function emit(c: string, value: number, unit: string, baseline?: number): void {
  const round = (v: number) => (unit === 'ms' ? Math.round(v * 1e6) / 1e6 : Math.round(v));
  const line: Record<string, unknown> = { bench: 'flows', case: c, value: round(value), unit };
  if (baseline !== undefined) Object.assign(line, { baseline: round(baseline), ratio: Math.round((value / baseline) * 100) / 100 });
  console.log(JSON.stringify(line));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function datagrams(files: string[]): CapturedDatagram[] {
  const dir = join(repoRoot(), '..', 'shared', 'data', 'flow-export');
  return files.flatMap((f) => udpDatagrams(readCapture(readFileSync(join(dir, f)))));
}

/** 10,000 VMs on 500 hosts in 2 domains; every address seen in the captures belongs to one of them, so lookups hit and miss. */
function addressMap(seen: string[]): AddressIndex {
  const entries: AddressEntry[] = [];
  for (let i = 0; i < VMS; i++) {
    const ip = i < seen.length ? seen[i]! : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const mac = `02:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
    entries.push({ vmId: `vm-${i}`, ip, mac, hostId: `host-${i % 500}`, domainId: `dc-${i % 2}`, tenantId: `t-${i % 50}` });
  }
  return AddressIndex.build(1, entries);
}

interface Workload {
  readonly payloads: Uint8Array[];
  readonly exporters: string[];
  readonly caches: Map<string, ExporterTemplates>;
  /** Called with the datagram's position before each decode, to vary its contents. */
  readonly beforeDecode?: (k: number) => void;
}

/** Learns the templates once, then keeps only the datagrams that carry records: the steady state of a collector. */
function workload(all: CapturedDatagram[]): Workload {
  const caches = new Map<string, ExporterTemplates>();
  const counters = new DecodeCounters();
  const payloads: Uint8Array[] = [];
  const exporters: string[] = [];
  for (const d of all) {
    const cache = caches.get(d.exporter) ?? new ExporterTemplates();
    caches.set(d.exporter, cache);
    if (decodeDatagram(d.payload, d.exporter, cache, counters).records.length > 0) {
      payloads.push(d.payload);
      exporters.push(d.exporter);
    }
  }
  return { payloads, exporters, caches };
}

/** Records per second over one round, decoding (and, with a tally, classifying) datagrams in a loop. */
function round(w: Workload, index: AddressIndex | undefined, latencies?: number[]): number {
  const counters = new DecodeCounters();
  const tally = new VmTrafficTally();
  let records = 0;
  const started = performance.now();
  const stop = started + ROUND_MS;
  for (let i = 0; ; i++) {
    const k = i % w.payloads.length;
    const exporter = w.exporters[k]!;
    w.beforeDecode?.(k);
    const t0 = latencies ? performance.now() : 0;
    const result = decodeDatagram(w.payloads[k]!, exporter, w.caches.get(exporter)!, counters);
    if (index) for (const r of result.records) tally.addFlow(index, r);
    if (latencies) latencies.push(performance.now() - t0);
    records += result.records.length;
    if ((i & 255) === 0 && performance.now() >= stop) break;
    // drain like a collector would once per interval, so the tally stays bounded
    if ((i & 65535) === 0) tally.drain();
  }
  return records / ((performance.now() - started) / 1000);
}

/**
 * Replaying captures repeats the same few addresses, which the decoders' address-text caches love. This
 * variant rewrites every IPv4 source address before each decode (a million distinct ones in rotation), so
 * nearly every record misses those caches and the map: the worst case for the hot path.
 */
function distinctAddresses(w: Workload): Workload {
  const counters = new DecodeCounters();
  const payloads: Uint8Array[] = [];
  const exporters: string[] = [];
  const spots: number[][] = [];
  w.payloads.forEach((p, k) => {
    const records = decodeDatagram(p, w.exporters[k]!, w.caches.get(w.exporters[k]!)!, counters).records.filter((r) => r.ipVersion === 4);
    const offsets = records.map((r) => indexOfBytes(p, r.srcIp.split('.').map(Number))).filter((o) => o >= 0);
    if (offsets.length === 0) return;
    payloads.push(Uint8Array.from(p));
    exporters.push(w.exporters[k]!);
    spots.push(offsets);
  });
  let n = 0;
  const rewrite = (k: number) => {
    for (const o of spots[k]!) {
      n = (n + 1) % 1_000_000;
      const b = payloads[k]!;
      b[o] = 10;
      b[o + 1] = (n >> 16) & 255;
      b[o + 2] = (n >> 8) & 255;
      b[o + 3] = n & 255;
    }
  };
  return { payloads, exporters, caches: w.caches, beforeDecode: rewrite };
}

function indexOfBytes(haystack: Uint8Array, needle: number[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function measure(name: string, w: Workload, index: AddressIndex): void {
  const full: number[] = [];
  const decodeOnly: number[] = [];
  round(w, index); // warm up the JIT
  for (let r = 0; r < ROUNDS; r++) {
    decodeOnly.push(round(w, undefined));
    full.push(round(w, index));
  }
  emit(`decode-classify-${name}`, median(full), 'records/s', median(decodeOnly));
  const latencies: number[] = [];
  round(w, index, latencies);
  emit(`decode-classify-${name}-datagram-p50`, percentile(latencies, 50), 'ms');
  emit(`decode-classify-${name}-datagram-p99`, percentile(latencies, 99), 'ms');
}

/** Records decoded and classified per second on one core, IPFIX and sFlow, from the real captures. */
export function runDecodeClassify(): void {
  if (!runsPart('decode')) return;
  const ipfix = workload(datagrams(IPFIX_CAPTURES));
  const sflow = workload(datagrams(SFLOW_CAPTURES));
  const seen = new Set<string>();
  for (const w of [ipfix, sflow]) {
    const counters = new DecodeCounters();
    w.payloads.forEach((p, k) => decodeDatagram(p, w.exporters[k]!, w.caches.get(w.exporters[k]!)!, counters).records.forEach((r) => {
      if (r.srcIp) seen.add(r.srcIp);
      if (r.dstIp) seen.add(r.dstIp);
    }));
  }
  // a quarter of the seen addresses stay unknown, so the external path is measured too
  const index = addressMap([...seen].filter((_, i) => i % 4 !== 0));
  measure('ipfix', ipfix, index);
  measure('sflow', sflow, index);
  measure('ipfix-distinct-addresses', distinctAddresses(ipfix), index);
}
