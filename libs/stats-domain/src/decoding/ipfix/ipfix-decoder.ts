import type { DatagramResult } from '../datagram-result.js';
import type { DecodeCounters } from '../decode-counters.js';
import type { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import type { ExporterTemplates } from '../templates/exporter-templates.js';
import { u16, u32 } from '../wire-integers.js';
import { walkSets } from '../templates/set-walker.js';
import { IPFIX_DIALECT } from '../templates/template-dialect.js';

const HEADER_LENGTH = 16;

/**
 * Decodes one IPFIX message (RFC 7011): version 10, length, export time, sequence, observation domain,
 * then sets. Templates are learned into `cache`, which belongs to the exporter at `exporter`.
 */
export function decodeIpfix(datagram: Uint8Array, exporter: string, cache: ExporterTemplates, counters: DecodeCounters): DatagramResult {
  const records: FlowRecord[] = [];
  const problems: MalformedFlowDataError[] = [];
  counters.datagramsReceived++;
  const b = datagram;
  if (b.length < HEADER_LENGTH || u16(b, 0) !== 10) {
    problems.push(new MalformedFlowDataError('FLOW.HEADER_TRUNCATED', 'not an IPFIX message header', 0));
  } else {
    const length = (b[2] << 8) | b[3];
    let end = b.length;
    if (length < HEADER_LENGTH || length > b.length) {
      problems.push(new MalformedFlowDataError('FLOW.LENGTH_MISMATCH', `message length ${length}, datagram ${b.length} bytes`, 2));
    } else end = length; // bytes after the message are not ours to read
    const header = {
      version: 10 as const,
      exportSecs: u32(b, 4),
      domain: u32(b, 12),
      sysUptimeMs: 0,
    };
    walkSets(b, HEADER_LENGTH, end, IPFIX_DIALECT, header, exporter, cache, counters, records, problems);
  }
  if (problems.length === 0) counters.datagramsDecoded++;
  else counters.datagramsMalformed++;
  return { format: 'ipfix', records, problems };
}
