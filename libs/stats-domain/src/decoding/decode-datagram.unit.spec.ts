import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASIC_FIELDS, concat, ipfixMessage, templateSet, u16, u32 } from '../test-support/datagram-builders.js';
import { decodeDatagram } from './decode-datagram.js';
import { DecodeCounters } from './decode-counters.js';
import { ExporterTemplates, TEMPLATE_LIMIT } from './templates/exporter-templates.js';

describe('decodeDatagram', () => {
  it('counts a datagram of no known format as received and malformed', () => {
    const counters = new DecodeCounters();
    for (const d of [new Uint8Array(0), new Uint8Array([0, 7, 1, 2]), Uint8Array.from(u32(6))]) {
      const result = decodeDatagram(d, '192.0.2.1', new ExporterTemplates(), counters);
      assert.equal(result.format, undefined);
      assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.UNKNOWN_FORMAT']);
    }
    assert.deepEqual([counters.datagramsReceived, counters.datagramsMalformed, counters.datagramsDecoded], [3, 3, 0]);
  });

  it('tells the formats apart by their version fields', () => {
    const counters = new DecodeCounters();
    const cache = new ExporterTemplates();
    const sflowHeader = concat(u32(5), u32(1), [192, 0, 2, 1], u32(0), u32(1), u32(1), u32(0));
    const nfv5Header = concat(u16(5), u16(0), new Uint8Array(20));
    assert.equal(decodeDatagram(sflowHeader, 'x', cache, counters).format, 'sflow-v5');
    assert.equal(decodeDatagram(nfv5Header, 'x', cache, counters).format, 'netflow-v5');
    assert.equal(decodeDatagram(ipfixMessage(1), 'x', cache, counters).format, 'ipfix');
    assert.equal(counters.datagramsDecoded, 3);
  });

  it('stops learning templates from one exporter past the limit, and says so', () => {
    const counters = new DecodeCounters();
    const cache = new ExporterTemplates();
    for (let domain = 0; domain < TEMPLATE_LIMIT / 16; domain++) {
      const sets = Array.from({ length: 16 }, (_, i) => templateSet(2, 256 + i, BASIC_FIELDS));
      decodeDatagram(ipfixMessage(domain, ...sets), 'x', cache, counters);
    }
    assert.equal(cache.templateCount, TEMPLATE_LIMIT);
    const over = decodeDatagram(ipfixMessage(99999, templateSet(2, 256, BASIC_FIELDS)), 'x', cache, counters);
    assert.deepEqual(over.problems.map((p) => p.code), ['FLOW.TEMPLATE_INVALID']);
    const refresh = decodeDatagram(ipfixMessage(0, templateSet(2, 256, BASIC_FIELDS)), 'x', cache, counters);
    assert.deepEqual(refresh.problems, [], 'a known template may still be refreshed');
  });
});
