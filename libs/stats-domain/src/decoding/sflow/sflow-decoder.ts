import type { DatagramResult } from '../datagram-result.js';
import type { DecodeCounters } from '../decode-counters.js';
import { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import { readFlowRecords } from './sflow-flow-sample.js';
import { u32 } from '../wire-integers.js';

const FLOW_SAMPLE = 1;
const EXPANDED_FLOW_SAMPLE = 3;

/**
 * Decodes one sFlow v5 datagram into one flow per flow sample (packets = 1, bytes = sampled frame length,
 * samplingRate = the sample's rate). sFlow carries no templates, so no cache is needed. Each sample is
 * bounded by its length: a bad sample is skipped and counted, the samples around it still decode.
 */
export function decodeSflow(datagram: Uint8Array, exporter: string, counters: DecodeCounters): DatagramResult {
  const records: FlowRecord[] = [];
  const problems: MalformedFlowDataError[] = [];
  counters.datagramsReceived++;
  const b = datagram;
  const end = b.length;
  const addrType = end >= 8 ? u32(b, 4) : 0;
  const addrLen = addrType === 1 ? 4 : addrType === 2 ? 16 : -1;
  const headerLength = 8 + addrLen + 16;
  if (end < 28 || u32(b, 0) !== 5 || addrLen < 0 || end < headerLength) {
    problems.push(new MalformedFlowDataError('FLOW.HEADER_TRUNCATED', 'not an sFlow v5 datagram header', 0));
  } else {
    const samples = u32(b, headerLength - 4);
    let at = headerLength;
    for (let i = 0; i < samples; i++) {
      if (end - at < 8) {
        problems.push(new MalformedFlowDataError('FLOW.SAMPLE_TRUNCATED', `sample ${i} of ${samples} is missing`, at));
        counters.partsMalformed++;
        break;
      }
      const format = u32(b, at);
      const length = u32(b, at + 4);
      const body = at + 8;
      if (length > end - body) {
        problems.push(new MalformedFlowDataError('FLOW.SAMPLE_TRUNCATED', `sample ${i} claims ${length} bytes, ${end - body} remain`, at));
        counters.partsMalformed++;
        break;
      }
      if (format === FLOW_SAMPLE || format === EXPANDED_FLOW_SAMPLE) {
        const rec = readFlowSample(b, body, body + length, format === EXPANDED_FLOW_SAMPLE);
        if (rec) {
          rec.exporter = exporter;
          records.push(rec);
          counters.records++;
        } else {
          problems.push(new MalformedFlowDataError('FLOW.SAMPLE_INVALID', `flow sample ${i} does not fit its length`, at));
          counters.partsMalformed++;
        }
      } else counters.samplesSkipped++;
      at = body + length;
    }
  }
  if (problems.length === 0) counters.datagramsDecoded++;
  else counters.datagramsMalformed++;
  return { format: 'sflow-v5', records, problems };
}

function readFlowSample(b: Uint8Array, at: number, end: number, expanded: boolean): FlowRecord | undefined {
  const fixed = expanded ? 44 : 32;
  if (end - at < fixed) return undefined;
  const rec = new FlowRecord();
  rec.format = 'sflow-v5';
  rec.packets = 1;
  if (expanded) {
    rec.observationDomainId = ((u32(b, at + 4) << 24) | (u32(b, at + 8) & 0xffffff)) >>> 0;
    rec.samplingRate = u32(b, at + 12) || 1;
    rec.inIf = u32(b, at + 28);
    rec.outIf = u32(b, at + 36);
  } else {
    rec.observationDomainId = u32(b, at + 4);
    rec.samplingRate = u32(b, at + 8) || 1;
    // The top two bits say whether this is an ifIndex, a drop reason or a count of ports.
    rec.inIf = u32(b, at + 20) & 0x3fffffff;
    rec.outIf = u32(b, at + 24) & 0x3fffffff;
  }
  const count = u32(b, at + fixed - 4);
  return readFlowRecords(b, at + fixed, end, count, rec) ? rec : undefined;
}
