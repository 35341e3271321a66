import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BASIC_FIELDS, basicRecord, concat, dataSet, netflowV9Packet, templateSet, u16, u32 } from '../../test-support/datagram-builders.js';
import { DecodeCounters } from '../decode-counters.js';
import { ExporterTemplates } from '../templates/exporter-templates.js';
import { decodeNetflowV9 } from './netflow-v9-decoder.js';

const EXPORTER = '192.0.2.9';

describe('decodeNetflowV9', () => {
  it('places uptime-relative times on the wall clock from the packet header', () => {
    const cache = new ExporterTemplates();
    const counters = new DecodeCounters();
    decodeNetflowV9(netflowV9Packet(7, templateSet(0, 256, [...BASIC_FIELDS, [22, 4], [21, 4]])), EXPORTER, cache, counters);
    // header: uptime 60 000 ms at unix 1 700 000 000 s; the flow ran from uptime 50 000 to 59 000
    const r = decodeNetflowV9(netflowV9Packet(7, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 40), u32(50_000), u32(59_000))), EXPORTER, cache, counters).records[0];
    assert.equal(r.format, 'netflow-v9');
    assert.equal(r.observationDomainId, 7);
    assert.equal(r.startMs, 1_700_000_000_000 - 10_000);
    assert.equal(r.endMs, 1_700_000_000_000 - 1_000);
  });

  it('takes a system-wide sampling interval from an options record with system scope', () => {
    const cache = new ExporterTemplates();
    const counters = new DecodeCounters();
    // options template 300: scope system (type 1, 4 bytes); option SAMPLING_INTERVAL (34, 4 bytes)
    const optionsTemplate = concat(u16(1), u16(18), u16(300), u16(4), u16(4), u16(1), u16(4), u16(34), u16(4));
    decodeNetflowV9(netflowV9Packet(7, optionsTemplate, templateSet(0, 256, BASIC_FIELDS)), EXPORTER, cache, counters);
    decodeNetflowV9(netflowV9Packet(7, dataSet(300, [...u32(0), ...u32(1000)])), EXPORTER, cache, counters);
    const r = decodeNetflowV9(netflowV9Packet(7, dataSet(256, basicRecord('10.0.0.1', '10.0.0.2', 40))), EXPORTER, cache, counters).records[0];
    assert.equal(r.samplingRate, 1000);
    assert.equal(r.bytes, 40, 'the scope field (type 1 = system) is not read as a byte count');
  });

  it('treats field types above 32767 as vendor fields of the stated length, not as enterprise markers', () => {
    const cache = new ExporterTemplates();
    const counters = new DecodeCounters();
    decodeNetflowV9(netflowV9Packet(1, templateSet(0, 256, [[33000, 2], ...BASIC_FIELDS])), EXPORTER, cache, counters);
    const result = decodeNetflowV9(netflowV9Packet(1, dataSet(256, [0xaa, 0xbb], basicRecord('10.0.0.1', '10.0.0.2', 12))), EXPORTER, cache, counters);
    assert.deepEqual(result.problems, []);
    assert.deepEqual([result.records[0].srcIp, result.records[0].bytes], ['10.0.0.1', 12]);
  });
});
