import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASIC_FIELDS, basicRecord, concat, dataSet, ipfixMessage, templateSet, u16, u32,
} from '../../test-support/datagram-builders.js';
import { DecodeCounters } from '../decode-counters.js';
import { ExporterTemplates, PENDING_LIMIT } from '../templates/exporter-templates.js';
import { decodeIpfix } from './ipfix-decoder.js';

const EXPORTER = '192.0.2.1';
const template = (id = 256, domain = 1) => ipfixMessage(domain, templateSet(2, id, BASIC_FIELDS));

function fresh() {
  return { cache: new ExporterTemplates(), counters: new DecodeCounters() };
}

describe('decodeIpfix', () => {
  it('decodes data records with the template learned earlier from the same exporter and domain', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(), EXPORTER, cache, counters);
    const result = decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 1500, 3))), EXPORTER, cache, counters);
    assert.deepEqual(result.problems, []);
    assert.equal(result.records.length, 1);
    const r = result.records[0];
    assert.deepEqual(
      [r.format, r.exporter, r.observationDomainId, r.templateId, r.srcIp, r.dstIp, r.srcPort, r.dstPort, r.protocol, r.bytes, r.packets],
      ['ipfix', EXPORTER, 1, 256, '10.0.0.1', '10.0.0.2', 1234, 80, 6, 1500, 3],
    );
    assert.equal(counters.datagramsDecoded, 2);
    assert.equal(counters.templatesLearned, 1);
  });

  it('keeps templates apart per observation domain: the same id may mean different layouts', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(256, 1), EXPORTER, cache, counters);
    decodeIpfix(ipfixMessage(2, templateSet(2, 256, [[8, 4], [1, 2]])), EXPORTER, cache, counters);
    const d1 = decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 99))), EXPORTER, cache, counters);
    const d2 = decodeIpfix(ipfixMessage(2, dataSet(256, [10, 9, 9, 9, ...u16(77)])), EXPORTER, cache, counters);
    assert.equal(d1.records[0].bytes, 99);
    assert.deepEqual([d2.records[0].srcIp, d2.records[0].bytes, d2.records[0].dstIp], ['10.9.9.9', 77, '']);
  });

  it('does not let one exporter use the templates of another', () => {
    const a = fresh();
    const b = fresh();
    decodeIpfix(template(), '192.0.2.1', a.cache, a.counters);
    const result = decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 1))), '192.0.2.2', b.cache, b.counters);
    assert.equal(result.records.length, 0);
    assert.equal(b.counters.dataSetsWithoutTemplate, 1);
  });

  it('buffers a data set that arrives before its template and decodes it when the template comes', () => {
    const { cache, counters } = fresh();
    const early = decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 10), basicRecord('10.0.0.3', '10.0.0.4', 20))), EXPORTER, cache, counters);
    assert.equal(early.records.length, 0);
    assert.deepEqual(early.problems, [], 'a missing template is not a malformed datagram');
    const late = decodeIpfix(template(), EXPORTER, cache, counters);
    assert.deepEqual(late.records.map((r) => r.bytes), [10, 20]);
    assert.deepEqual(
      [counters.dataSetsWithoutTemplate, counters.dataSetsBuffered, counters.dataSetsReplayed, counters.records, cache.pending.length],
      [1, 1, 1, 2, 0],
    );
  });

  it('keeps only the newest early data sets, and counts the ones it lets go', () => {
    const { cache, counters } = fresh();
    for (let i = 0; i < PENDING_LIMIT + 3; i++) {
      decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', i))), EXPORTER, cache, counters);
    }
    assert.equal(counters.dataSetsExpired, 3);
    const late = decodeIpfix(template(), EXPORTER, cache, counters);
    assert.equal(late.records.length, PENDING_LIMIT);
    assert.equal(late.records[0].bytes, 3, 'the oldest three were dropped');
  });

  it('skips a malformed set and still decodes the sets before and after it', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(), EXPORTER, cache, counters);
    const good1 = dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 1));
    // a template set whose template id is reserved: the set is bounded by its length, so it costs only itself
    const bad = concat(u16(2), u16(12), u16(7), u16(1), u16(8), u16(4));
    const good2 = dataSet(256, basicRecord('10.0.0.3', '10.0.0.4', 2));
    const result = decodeIpfix(ipfixMessage(1, good1, bad, good2), EXPORTER, cache, counters);
    assert.deepEqual(result.records.map((r) => r.bytes), [1, 2]);
    assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.TEMPLATE_INVALID']);
    assert.deepEqual([counters.datagramsMalformed, counters.partsMalformed, counters.records], [1, 1, 2]);
  });

  it('keeps the records before a set whose length runs past the message', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(), EXPORTER, cache, counters);
    const good = dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 5));
    const truncated = concat(u16(256), u16(400), basicRecord('10.0.0.3', '10.0.0.4', 6));
    const result = decodeIpfix(ipfixMessage(1, good, truncated), EXPORTER, cache, counters);
    assert.deepEqual(result.records.map((r) => r.bytes), [5]);
    assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.SET_TRUNCATED']);
  });

  it('reads variable-length and enterprise fields, including the three-byte length form', () => {
    const { cache, counters } = fresh();
    const fields: [number, number, number?][] = [[8, 4], [236, 65535], [42, 65535, 2636], [9999, 2, 2011], [1, 2]];
    decodeIpfix(ipfixMessage(1, templateSet(2, 300, fields as never)), EXPORTER, cache, counters);
    const longValue = new Uint8Array(300).fill(7);
    const record = concat([10, 1, 2, 3], [4, ...Buffer.from('blue')], [255, ...u16(300)], longValue, u16(0xbeef), u16(1400));
    const result = decodeIpfix(ipfixMessage(1, dataSet(300, record)), EXPORTER, cache, counters);
    assert.deepEqual(result.problems, []);
    assert.deepEqual([result.records[0].srcIp, result.records[0].vrfName, result.records[0].bytes], ['10.1.2.3', 'blue', 1400]);
  });

  it('applies reduced-size encoding: a 2-byte octet count is still the byte count', () => {
    const { cache, counters } = fresh();
    decodeIpfix(ipfixMessage(1, templateSet(2, 256, [[8, 4], [1, 2], [2, 1]])), EXPORTER, cache, counters);
    const r = decodeIpfix(ipfixMessage(1, dataSet(256, [10, 0, 0, 1, ...u16(60000), 9])), EXPORTER, cache, counters).records[0];
    assert.deepEqual([r.bytes, r.packets], [60000, 9]);
  });

  it('forgets a withdrawn template, so later data waits for a new one', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(), EXPORTER, cache, counters);
    decodeIpfix(ipfixMessage(1, concat(u16(2), u16(8), u16(256), u16(0))), EXPORTER, cache, counters);
    const result = decodeIpfix(ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 1))), EXPORTER, cache, counters);
    assert.equal(result.records.length, 0);
    assert.deepEqual([counters.templatesWithdrawn, counters.dataSetsWithoutTemplate], [1, 1]);
  });

  it('scales by the sampling rate an options record announced for the selector the flow names', () => {
    const { cache, counters } = fresh();
    // options template 257: scope selectorId (302), then samplingSize (309) and samplingPopulation (310)
    const optionsTemplate = concat(u16(3), u16(22), u16(257), u16(3), u16(1), u16(302), u16(4), u16(309), u16(4), u16(310), u16(4));
    decodeIpfix(ipfixMessage(1, optionsTemplate, templateSet(2, 258, [...BASIC_FIELDS, [302, 4]])), EXPORTER, cache, counters);
    decodeIpfix(ipfixMessage(1, dataSet(257, [...u32(5), ...u32(1), ...u32(512)])), EXPORTER, cache, counters);
    const result = decodeIpfix(ipfixMessage(1, dataSet(258, [...basicRecord('10.0.0.1', '10.0.0.2', 100), ...u32(5)])), EXPORTER, cache, counters);
    assert.equal(counters.optionRecords, 1);
    assert.equal(result.records.length, 1, 'options records are not flows');
    assert.equal(result.records[0].samplingRate, 512);
  });

  it('counts a datagram whose header length disagrees as malformed but decodes what is there', () => {
    const { cache, counters } = fresh();
    decodeIpfix(template(), EXPORTER, cache, counters);
    const msg = ipfixMessage(1, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 1)));
    msg[3] += 50; // claims more bytes than were sent
    const result = decodeIpfix(msg, EXPORTER, cache, counters);
    assert.equal(result.records.length, 1);
    assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.LENGTH_MISMATCH']);
    assert.equal(counters.datagramsReceived, counters.datagramsDecoded + counters.datagramsMalformed);
  });
});
