import { ipv4Text } from '../../addresses/cached-address-text.js';
import type { DatagramResult } from '../datagram-result.js';
import type { DecodeCounters } from '../decode-counters.js';
import { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import { u16, u32 } from '../wire-integers.js';

const HEADER = 24;
const RECORD = 48;

/** Decodes a NetFlow v5 packet: fixed 48-byte IPv4 records, still what many old switches send. */
export function decodeNetflowV5(datagram: Uint8Array, exporter: string, counters: DecodeCounters): DatagramResult {
  const records: FlowRecord[] = [];
  const problems: MalformedFlowDataError[] = [];
  counters.datagramsReceived++;
  const b = datagram;
  if (b.length < HEADER || u16(b, 0) !== 5) {
    problems.push(new MalformedFlowDataError('FLOW.HEADER_TRUNCATED', 'not a NetFlow v5 header', 0));
  } else {
    let count = u16(b, 2);
    if (HEADER + count * RECORD > b.length) {
      problems.push(new MalformedFlowDataError('FLOW.LENGTH_MISMATCH', `header counts ${count} records, datagram holds ${Math.floor((b.length - HEADER) / RECORD)}`, 2));
      count = Math.floor((b.length - HEADER) / RECORD);
    }
    const uptime = u32(b, 4);
    const base = u32(b, 8) * 1000 + Math.floor(u32(b, 12) / 1e6) - uptime;
    // Low 14 bits: sampling interval; top 2: mode.
    const rate = u16(b, 22) & 0x3fff || 1;
    for (let i = 0, at = HEADER; i < count; i++, at += RECORD) {
      const r = new FlowRecord();
      r.format = 'netflow-v5';
      r.exporter = exporter;
      r.ipVersion = 4;
      r.srcIp = ipv4Text(b, at);
      r.dstIp = ipv4Text(b, at + 4);
      r.nextHop = ipv4Text(b, at + 8);
      r.inIf = u16(b, at + 12);
      r.outIf = u16(b, at + 14);
      r.packets = u32(b, at + 16);
      r.bytes = u32(b, at + 20);
      r.startMs = base + u32(b, at + 24);
      r.endMs = base + u32(b, at + 28);
      r.srcPort = u16(b, at + 32);
      r.dstPort = u16(b, at + 34);
      r.tcpFlags = b[at + 37];
      r.protocol = b[at + 38];
      r.tos = b[at + 39];
      r.srcMask = b[at + 44];
      r.dstMask = b[at + 45];
      r.samplingRate = rate;
      records.push(r);
      counters.records++;
    }
  }
  if (problems.length === 0) counters.datagramsDecoded++;
  else counters.datagramsMalformed++;
  return { format: 'netflow-v5', records, problems };
}
