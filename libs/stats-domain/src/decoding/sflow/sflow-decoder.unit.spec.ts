import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { concat, ipv4, u16, u32 } from '../../test-support/datagram-builders.js';
import { DecodeCounters } from '../decode-counters.js';
import { decodeSflow } from './sflow-decoder.js';

const AGENT = '192.0.2.50';

function datagram(...samples: Uint8Array[]): Uint8Array {
  return concat(u32(5), u32(1), ipv4(AGENT), u32(0), u32(1), u32(1000), u32(samples.length), ...samples);
}

/** A flow_sample holding one sampled_ipv4 record. */
function ipv4Sample(src: string, dst: string, length: number, rate = 512): Uint8Array {
  const record = concat(u32(3), u32(32), u32(length), u32(6), ipv4(src), ipv4(dst), u32(1111), u32(443), u32(0x18), u32(0));
  const body = concat(u32(1), u32(7), u32(rate), u32(0), u32(0), u32(3), u32(4), u32(1), record);
  return concat(u32(1), u32(body.length), body);
}

/** A flow_sample holding a raw Ethernet/IPv4/UDP header. */
function rawHeaderSample(frame: Uint8Array): Uint8Array {
  const padded = concat(frame, new Uint8Array((4 - (frame.length % 4)) % 4));
  const record = concat(u32(1), u32(16 + padded.length), u32(1), u32(frame.length + 4), u32(4), u32(frame.length), padded);
  const body = concat(u32(2), u32(7), u32(256), u32(0), u32(0), u32(3), u32(4), u32(1), record);
  return concat(u32(1), u32(body.length), body);
}

function ethernetUdp(srcMac: number[], dstMac: number[], src: string, dst: string, dstPort: number, payload: Uint8Array): Uint8Array {
  const udp = concat(u16(5555), u16(dstPort), u16(8 + payload.length), u16(0), payload);
  const ip = concat([0x45, 0], u16(20 + udp.length), u16(1), u16(0), [64, 17], u16(0), ipv4(src), ipv4(dst), udp);
  return concat(dstMac, srcMac, u16(0x0800), ip);
}

describe('decodeSflow', () => {
  it('turns each flow sample into one flow carrying its sampling rate', () => {
    const counters = new DecodeCounters();
    const result = decodeSflow(datagram(ipv4Sample('10.0.0.1', '10.0.0.2', 1500), ipv4Sample('10.0.0.3', '10.0.0.4', 64, 128)), AGENT, counters);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.records.map((r) => [r.srcIp, r.dstIp, r.bytes, r.packets, r.samplingRate, r.srcPort, r.dstPort, r.protocol]), [
      ['10.0.0.1', '10.0.0.2', 1500, 1, 512, 1111, 443, 6],
      ['10.0.0.3', '10.0.0.4', 64, 1, 128, 1111, 443, 6],
    ]);
    assert.deepEqual([result.records[0].inIf, result.records[0].outIf], [3, 4]);
  });

  it('skips a sample whose records do not fit it, and keeps the samples around it', () => {
    const counters = new DecodeCounters();
    const bad = ipv4Sample('10.9.9.9', '10.9.9.9', 1);
    bad[8 + 32 + 4 + 3] = 200; // the record claims 200 bytes inside a sample that holds 32
    const result = decodeSflow(datagram(ipv4Sample('10.0.0.1', '10.0.0.2', 100), bad, ipv4Sample('10.0.0.3', '10.0.0.4', 300)), AGENT, counters);
    assert.deepEqual(result.records.map((r) => r.bytes), [100, 300]);
    assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.SAMPLE_INVALID']);
    assert.deepEqual([counters.datagramsMalformed, counters.partsMalformed, counters.records], [1, 1, 2]);
  });

  it('keeps the samples before one whose length runs past the datagram', () => {
    const counters = new DecodeCounters();
    const d = datagram(ipv4Sample('10.0.0.1', '10.0.0.2', 100), ipv4Sample('10.0.0.3', '10.0.0.4', 300));
    const result = decodeSflow(d.subarray(0, d.length - 10), AGENT, counters);
    assert.deepEqual(result.records.map((r) => r.bytes), [100]);
    assert.deepEqual(result.problems.map((p) => p.code), ['FLOW.SAMPLE_TRUNCATED']);
  });

  it('skips counter samples without calling the datagram malformed', () => {
    const counters = new DecodeCounters();
    const counterSample = concat(u32(2), u32(8), u32(1), u32(0));
    const result = decodeSflow(datagram(counterSample, ipv4Sample('10.0.0.1', '10.0.0.2', 100)), AGENT, counters);
    assert.equal(result.records.length, 1);
    assert.deepEqual([counters.samplesSkipped, counters.datagramsDecoded], [1, 1]);
  });

  it('reports the inner (tenant) addresses of a VXLAN frame, with its VNI', () => {
    const counters = new DecodeCounters();
    const inner = ethernetUdp([2, 0, 0, 0, 0, 1], [2, 0, 0, 0, 0, 2], '172.16.0.1', '172.16.0.2', 53, new Uint8Array(8));
    const vxlan = concat([8, 0, 0, 0], [0, 0x12, 0x34, 0], inner);
    const outer = ethernetUdp([4, 0, 0, 0, 0, 1], [4, 0, 0, 0, 0, 2], '198.51.100.1', '198.51.100.2', 4789, vxlan);
    const r = decodeSflow(datagram(rawHeaderSample(outer)), AGENT, counters).records[0];
    assert.deepEqual([r.srcIp, r.dstIp, r.dstPort, r.vni, r.srcMac], ['172.16.0.1', '172.16.0.2', 53, 0x1234, '02:00:00:00:00:01']);
    assert.equal(r.bytes, outer.length + 4, 'bytes are the whole sampled frame, as the switch carried it');
  });
});
