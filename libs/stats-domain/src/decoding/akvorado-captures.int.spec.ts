import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { captureDatagrams, flowExportDir } from '../test-support/flow-captures.js';
import { decodeDatagram } from './decode-datagram.js';
import { DecodeCounters } from './decode-counters.js';
import type { FlowRecord } from './flow-record.js';
import { ExporterTemplates } from './templates/exporter-templates.js';

/** Decodes captures in order through one exporter cache, as a collector would receive them. */
function decodeInOrder(...files: string[]) {
  const counters = new DecodeCounters();
  const caches = new Map<string, ExporterTemplates>();
  const records: FlowRecord[] = [];
  for (const f of files) {
    for (const d of captureDatagrams(`akvorado/${f}`)) {
      const cache = caches.get(d.exporter) ?? new ExporterTemplates();
      caches.set(d.exporter, cache);
      const result = decodeDatagram(d.payload, d.exporter, cache, counters);
      assert.deepEqual(result.problems, [], `${f} decodes cleanly`);
      records.push(...result.records);
    }
  }
  assert.equal(counters.datagramsMalformed, 0);
  return { records, counters };
}

const pick = (r: FlowRecord, ...keys: (keyof FlowRecord)[]) => Object.fromEntries(keys.map((k) => [k, r[k]]));

describe('shared capture folder', () => {
  it('is found beside the repository, and its absence fails loudly instead of skipping', () => {
    assert.ok(flowExportDir().endsWith('flow-export'));
    assert.throws(() => flowExportDir('/nonexistent/vorch'), /flow-export captures not found/);
  });
});

describe('akvorado NetFlow/IPFIX captures', () => {
  it('NetFlow v9: options (sampler 30000), then template 260, then its data', () => {
    const { records, counters } = decodeInOrder('netflow/options-template.pcap', 'netflow/options-data.pcap', 'netflow/template.pcap', 'netflow/data.pcap');
    assert.equal(records.length, 4);
    assert.deepEqual(pick(records[0], 'srcIp', 'dstIp', 'nextHop', 'inIf', 'outIf', 'srcMask', 'dstMask', 'bytes', 'packets', 'protocol', 'srcPort', 'dstPort', 'forwardingStatus', 'tcpFlags', 'samplingRate'), {
      srcIp: '198.38.121.178', dstIp: '91.170.143.87', nextHop: '194.149.174.63', inIf: 335, outIf: 450, srcMask: 24, dstMask: 14,
      bytes: 1500, packets: 1, protocol: 6, srcPort: 443, dstPort: 19624, forwardingStatus: 64, tcpFlags: 16, samplingRate: 30000,
    });
    // whole-second exporters put this flow at 1647285926 (they round the uptime offset the other way)
    assert.equal(Math.ceil(records[0].startMs / 1000), 1647285926);
    assert.equal(counters.templatesLearned, 2);
    assert.ok(counters.optionRecords > 0);
  });

  it('NetFlow v9: sampling interval from an options template (1507)', () => {
    const { records } = decodeInOrder('netflow/samplingrate-template.pcap', 'netflow/samplingrate-data.pcap');
    assert.ok(records.length > 0);
    assert.ok(records.every((r) => r.samplingRate === 2048));
  });

  it('NetFlow v9: options template, template and data in one datagram, data first', () => {
    const { records, counters } = decodeInOrder('netflow/data+templates.pcap');
    assert.ok(records.length > 0);
    assert.ok(records.every((r) => r.templateId === 257 && r.samplingRate === 100 && r.srcIp !== ''));
    assert.equal(counters.dataSetsReplayed, counters.dataSetsWithoutTemplate, 'every early data set was replayed');
  });

  it('NetFlow v5: 29 fixed records', () => {
    const { records } = decodeInOrder('netflow/nfv5.pcap');
    assert.equal(records.length, 29);
    assert.ok(records.every((r) => r.format === 'netflow-v5' && r.ipVersion === 4 && r.packets > 0));
  });

  it('IPFIX ipfixprobe: RFC 5103 biflow reverse counters under PEN 29305', () => {
    const { records } = decodeInOrder('netflow/ipfixprobe-templates.pcap', 'netflow/ipfixprobe-data.pcap');
    assert.equal(records.length, 4);
    assert.deepEqual(pick(records[0], 'srcIp', 'dstIp', 'dstPort', 'bytes', 'packets', 'reverseBytes', 'reversePackets', 'srcMac'), {
      srcIp: '10.10.1.4', dstIp: '10.10.1.1', dstPort: 53, bytes: 62, packets: 1, reverseBytes: 128, reversePackets: 1, srcMac: '00:e0:1c:3c:17:c2',
    });
    assert.equal(records.filter((r) => r.reversePackets > 0).length, 2);
  });

  it('IPFIX Juniper: enterprise fields and a variable-length data link frame section', () => {
    const { records } = decodeInOrder('netflow/juniper-cpid-template.pcap', 'netflow/juniper-cpid-data.pcap');
    assert.equal(records.length, 1);
    assert.deepEqual(pick(records[0], 'srcIp', 'dstIp', 'protocol', 'inIf', 'ipVersion'), {
      srcIp: 'fc30:2200:1b::f', dstIp: 'fc30:2200:23:e009::', protocol: 4, inIf: 737, ipVersion: 6,
    });
  });
});

describe('akvorado sFlow v5 captures', () => {
  it('data-1140: five flow samples, IPv6 and routed IPv4', () => {
    const { records } = decodeInOrder('sflow/data-1140.pcap');
    assert.equal(records.length, 5);
    assert.deepEqual(pick(records[0], 'srcIp', 'dstIp', 'srcPort', 'dstPort', 'protocol', 'samplingRate', 'inIf', 'outIf', 'vlan', 'srcMac', 'dstMac', 'tos', 'tcpFlags', 'bytes'), {
      srcIp: '2a0c:8880:2:0:185:21:130:38', dstIp: '2a0c:8880:2:0:185:21:130:39', srcPort: 46026, dstPort: 22, protocol: 6, samplingRate: 1024,
      inIf: 27, outIf: 28, vlan: 100, srcMac: '24:6e:96:90:7a:50', dstMac: '24:6e:96:04:3c:08', tos: 8, tcpFlags: 16,
      bytes: 1518, // the sampled frame's length on the wire
    });
    assert.deepEqual(pick(records[1], 'srcIp', 'dstIp', 'nextHop', 'inIf', 'outIf', 'srcMask', 'dstMask', 'bytes'), {
      srcIp: '104.26.8.24', dstIp: '45.90.161.46', nextHop: '45.90.161.46', inIf: 49001, outIf: 25, srcMask: 20, dstMask: 27, bytes: 439,
    });
    assert.ok(records.some((r) => r.srcIp === '45.90.161.148' && r.dstIp === '191.87.91.27' && r.srcPort === 55658 && r.dstPort === 5555));
  });

  it('expanded flow samples and sampled IPv4 records', () => {
    for (const f of ['sflow/data-sflow-expanded-sample.pcap', 'sflow/data-sflow-ipv4-data.pcap', 'sflow/data-sflow-raw-ipv4.pcap', 'sflow/data-qinq.pcap']) {
      const { records } = decodeInOrder(f);
      assert.ok(records.length > 0, f);
      assert.ok(records.every((r) => r.ipVersion === 4 && r.srcIp !== '' && r.dstIp !== '' && r.packets === 1), f);
    }
    const expanded = decodeInOrder('sflow/data-sflow-expanded-sample.pcap').records[0];
    assert.deepEqual(pick(expanded, 'srcIp', 'dstIp', 'samplingRate', 'inIf'), { srcIp: '52.52.52.52', dstIp: '53.53.53.53', samplingRate: 1000, inIf: 29001 });
  });

  it('VXLAN: the flow carries the overlay (inner) addresses and the VNI', () => {
    const { records } = decodeInOrder('sflow/data-encap-vxlan.pcap');
    assert.equal(records.length, 1);
    assert.deepEqual(pick(records[0], 'srcIp', 'dstIp', 'protocol', 'vni'), { srcIp: '2001:db8:4::1', dstIp: '2001:db8:4::3', protocol: 58, vni: 100 });
  });
});
