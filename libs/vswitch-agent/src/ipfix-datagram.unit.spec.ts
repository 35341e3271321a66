import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AddressIndex, DecodeCounters, decodeDatagram, ExporterTemplates } from '#vorch/stats-domain';
import { buildIpfixMessage, type ExportedFlow } from './ipfix-datagram.js';
import { TrafficAccumulator } from './traffic-accumulator.js';
import { buildUdpFrame } from './ethernet-frame.js';

const flow = (over: Partial<ExportedFlow> = {}): ExportedFlow => ({
  srcMac: '02:00:00:00:00:01', dstMac: '02:00:00:00:00:02', srcIp: '10.0.0.1', dstIp: '10.0.0.2',
  protocol: 6, srcPort: 40000, dstPort: 443, bytes: 1500, packets: 3, ...over,
});

const entry = (vmId: string, ip: string, mac: string, hostId: string, domainId: string) => ({ vmId, ip, mac, hostId, domainId, tenantId: 'acme' });
const index = AddressIndex.build(1, [
  entry('vm-a', '10.0.0.1', '02:00:00:00:00:01', 'h1', 'd1'),
  entry('vm-b', '10.0.0.2', '02:00:00:00:00:02', 'h1', 'd1'),
  entry('vm-c', '10.0.1.3', '02:00:00:00:00:03', 'h2', 'd1'),
  entry('vm-d', '2001:db8::4', '02:00:00:00:00:04', 'h3', 'd2'),
]);

describe('IPFIX messages built by the exporter', () => {
  it('given templates and IPv4 + IPv6 flows, when decoded by the collector\'s decoder, then every field comes back', () => {
    const msg = buildIpfixMessage([flow(), flow({ srcIp: '2001:db8::4', dstIp: '2001:db8::9', bytes: 2 ** 40 })], {
      observationDomainId: 7, sequence: 0, exportTimeSec: 1_700_000_000, withTemplates: true,
    });
    const counters = new DecodeCounters();
    const result = decodeDatagram(msg, '192.0.2.1', new ExporterTemplates(), counters);
    assert.deepEqual(result.problems, []);
    assert.equal(result.format, 'ipfix');
    assert.equal(result.records.length, 2);
    const [a, b] = result.records;
    assert.equal(a.srcIp, '10.0.0.1');
    assert.equal(a.dstMac, '02:00:00:00:00:02');
    assert.equal(a.dstPort, 443);
    assert.equal(a.bytes, 1500);
    assert.equal(a.packets, 3);
    assert.equal(b.srcIp, '2001:db8::4');
    assert.equal(b.bytes, 2 ** 40);
    assert.equal(counters.datagramsDecoded, 1);
  });

  it('given data without templates for a fresh collector, then the records wait for the template instead of being decoded wrongly', () => {
    const cache = new ExporterTemplates();
    const counters = new DecodeCounters();
    const data = buildIpfixMessage([flow()], { observationDomainId: 1, sequence: 0, exportTimeSec: 1, withTemplates: false });
    assert.equal(decodeDatagram(data, 'x', cache, counters).records.length, 0);
    const withTemplate = buildIpfixMessage([flow()], { observationDomainId: 1, sequence: 1, exportTimeSec: 1, withTemplates: true });
    assert.equal(decodeDatagram(withTemplate, 'x', cache, counters).records.length, 2);
  });
});

describe('TrafficAccumulator', () => {
  it('given flows of every class, when drained, then VM rows, domain cells and unattributed traffic add up', () => {
    const acc = new TrafficAccumulator();
    const cache = new ExporterTemplates();
    const msg = buildIpfixMessage([
      flow(), // a → b intra-server
      flow({ dstIp: '10.0.1.3', dstMac: '02:00:00:00:00:03' }), // a → c inter-server-intra-domain
      flow({ srcIp: '2001:db8::4', dstIp: '2001:db8::99' }), // d → unknown IPv6: external
      flow({ dstIp: '198.51.100.7' }), // a → unknown: external
      flow({ srcIp: '198.51.100.8', dstIp: '198.51.100.9' }), // both unknown
    ], { observationDomainId: 1, sequence: 0, exportTimeSec: 1, withTemplates: true });
    for (const r of decodeDatagram(msg, 'x', cache, new DecodeCounters()).records) acc.addFlow(index, r);
    const batch = acc.drain('collector', 1, 1)!;
    const row = (vm: string, cls: string) => batch.rows.find((r) => r.vmId === vm && r.trafficClass === cls);
    assert.equal(row('vm-a', 'intra-server')?.bytes, 1500);
    assert.equal(row('vm-b', 'intra-server')?.bytes, 1500);
    assert.equal(row('vm-c', 'inter-server-intra-domain')?.flows, 1);
    assert.equal(row('vm-a', 'external')?.bytes, 1500);
    assert.equal(row('vm-d', 'external')?.flows, 1);
    assert.equal(batch.unattributedBytes, 1500);
    assert.equal(batch.unattributedFlows, 1);
    const cell = (s: string, d: string) => batch.domainPairs.find((c) => c.srcDomainId === s && c.dstDomainId === d);
    assert.equal(cell('d1', 'd1')?.flows, 2);
    assert.equal(cell('d1', 'external')?.bytes, 1500);
    assert.equal(cell('external', 'external')?.flows, 1);
    assert.equal(cell('d2', 'external')?.flows, 1);
    assert.equal(acc.drain('collector', 2, 1), undefined, 'a drained accumulator is empty');
  });

  it('given frames in agent mode, then a flow counts once however many frames it has, in rows and matrix alike', () => {
    const acc = new TrafficAccumulator();
    const g = buildUdpFrame({ srcMac: '02:00:00:00:00:01', dstMac: '02:00:00:00:00:03', srcIp: '10.0.0.1', dstIp: '10.0.1.3', srcPort: 1, dstPort: 2, length: 200 });
    assert.equal(acc.addFrame(index, g), 'inter-server-intra-domain');
    assert.equal(acc.addFrame(index, g), 'inter-server-intra-domain');
    assert.equal(acc.addFrame(index, new Uint8Array(5)), undefined);
    const batch = acc.drain('sw-1', 1, 3)!;
    const a = batch.rows.find((r) => r.vmId === 'vm-a')!;
    assert.deepEqual([a.bytes, a.packets, a.flows], [400, 2, 1]);
    assert.deepEqual(batch.domainPairs, [{ srcDomainId: 'd1', dstDomainId: 'd1', bytes: 400, packets: 2, flows: 1 }]);
    assert.equal(batch.mapRevision, 3);
  });
});
