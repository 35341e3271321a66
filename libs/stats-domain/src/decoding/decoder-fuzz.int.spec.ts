import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureDatagrams } from '../test-support/flow-captures.js';
import { seededRandom } from '../test-support/seeded-random.js';
import { decodeDatagram } from './decode-datagram.js';
import { DecodeCounters } from './decode-counters.js';
import { ExporterTemplates } from './templates/exporter-templates.js';

const CAPTURES = [
  'akvorado/netflow/template.pcap', 'akvorado/netflow/data.pcap', 'akvorado/netflow/options-template.pcap', 'akvorado/netflow/options-data.pcap',
  'akvorado/netflow/data+templates.pcap', 'akvorado/netflow/nfv5.pcap', 'akvorado/netflow/ipfixprobe-templates.pcap', 'akvorado/netflow/ipfixprobe-data.pcap',
  'akvorado/netflow/juniper-cpid-template.pcap', 'akvorado/netflow/juniper-cpid-data.pcap', 'akvorado/sflow/data-1140.pcap', 'akvorado/sflow/data-encap-vxlan.pcap',
  'akvorado/sflow/data-sflow-expanded-sample.pcap', 'pmacct/100-IPFIXv10-CISCO/traffic-00.pcap', 'pmacct/101-NFv9-CISCO-cust_primitives/traffic-00.pcap',
  'pmacct/104-IPFIXv10-IPv6-CISCO-sampling_option/traffic-00.pcap', 'pmacct/106-IPFIXv10-HUAWEI-vrf_name/traffic-00.pcap',
];
const SEED = 20261125;
const ROUNDS = 20000;

type Mutation = (d: Uint8Array, rnd: () => number) => Uint8Array;
const at = (d: Uint8Array, rnd: () => number) => Math.floor(rnd() * d.length);

const MUTATIONS: Mutation[] = [
  // flip a few random bits
  (d, rnd) => {
    for (let i = 0, n = 1 + Math.floor(rnd() * 4); i < n; i++) d[at(d, rnd)] ^= 1 << Math.floor(rnd() * 8);
    return d;
  },
  // overwrite a byte with an extreme value (lengths and counts are where decoders break)
  (d, rnd) => {
    d[at(d, rnd)] = [0, 0xff, 0x7f, 0x80, 1][Math.floor(rnd() * 5)];
    return d;
  },
  // cut the datagram short
  (d, rnd) => d.subarray(0, at(d, rnd)),
  // stretch a 16-bit word that may be a set, field or record length
  (d, rnd) => {
    const i = at(d, rnd) & ~1;
    d[i] = Math.floor(rnd() * 256);
    d[i + 1] = Math.floor(rnd() * 256);
    return d;
  },
  // duplicate a slice in place of another (misaligned sets and samples)
  (d, rnd) => {
    const from = at(d, rnd);
    d.copyWithin(at(d, rnd), from, from + Math.floor(rnd() * 64));
    return d;
  },
  // append garbage
  (d, rnd) => Uint8Array.from([...d, ...Array.from({ length: Math.floor(rnd() * 40) }, () => Math.floor(rnd() * 256))]),
];

describe('decoder fuzz (seeded, reproducible)', () => {
  it(`survives ${ROUNDS} mutated datagrams from the real captures with consistent counters`, () => {
    const rnd = seededRandom(SEED);
    const seeds = CAPTURES.flatMap((f) => captureDatagrams(f));
    assert.ok(seeds.length > 50);
    const counters = new DecodeCounters();
    const caches = new Map<string, ExporterTemplates>();
    // learn the real templates first, so mutated data sets reach the record decoder instead of the parking buffer
    for (const s of seeds) {
      const cache = caches.get(s.exporter) ?? new ExporterTemplates();
      caches.set(s.exporter, cache);
      decodeDatagram(s.payload, s.exporter, cache, counters);
    }
    let malformed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const seed = seeds[Math.floor(rnd() * seeds.length)];
      let datagram: Uint8Array = Uint8Array.from(seed.payload);
      for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) datagram = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)](datagram, rnd);
      const before = { ...counters };
      let result;
      try {
        result = decodeDatagram(datagram, seed.exporter, caches.get(seed.exporter)!, counters);
      } catch (e) {
        assert.fail(`round ${round} (seed ${SEED}) threw: ${(e as Error).stack}`);
      }
      assert.equal(counters.datagramsReceived, before.datagramsReceived + 1, `round ${round}`);
      const wasMalformed = result.problems.length > 0;
      assert.equal(counters.datagramsMalformed - before.datagramsMalformed, wasMalformed ? 1 : 0, `round ${round}`);
      assert.equal(counters.datagramsDecoded - before.datagramsDecoded, wasMalformed ? 0 : 1, `round ${round}`);
      assert.equal(counters.records - before.records, result.records.length, `round ${round}: every record counted once`);
      for (const r of result.records) assert.ok(Number.isFinite(r.bytes) && r.bytes >= 0 && r.samplingRate >= 1, `round ${round}: sane record`);
      if (wasMalformed) malformed++;
    }
    assert.equal(counters.datagramsReceived, counters.datagramsDecoded + counters.datagramsMalformed);
    // the mutations must actually hit the error paths, or this test proves nothing
    assert.ok(malformed > ROUNDS / 10, `only ${malformed} of ${ROUNDS} mutated datagrams were malformed`);
    assert.ok(counters.partsMalformed > 0);
  });
});
