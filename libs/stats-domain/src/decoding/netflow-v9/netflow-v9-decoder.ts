import type { DatagramResult } from '../datagram-result.js';
import type { DecodeCounters } from '../decode-counters.js';
import type { FlowRecord } from '../flow-record.js';
import { MalformedFlowDataError } from '../malformed-flow-data.error.js';
import type { ExporterTemplates } from '../templates/exporter-templates.js';
import { u16, u32 } from '../wire-integers.js';
import { walkSets } from '../templates/set-walker.js';
import { NETFLOW_V9_DIALECT } from '../templates/template-dialect.js';

const HEADER_LENGTH = 20;

/**
 * Decodes one NetFlow v9 packet (RFC 3954): version 9, count, sysUptime, unix seconds, sequence, source id,
 * then flowsets. The header count is not checked: exporters disagree on what it counts.
 */
export function decodeNetflowV9(datagram: Uint8Array, exporter: string, cache: ExporterTemplates, counters: DecodeCounters): DatagramResult {
  const records: FlowRecord[] = [];
  const problems: MalformedFlowDataError[] = [];
  counters.datagramsReceived++;
  const b = datagram;
  if (b.length < HEADER_LENGTH || u16(b, 0) !== 9) {
    problems.push(new MalformedFlowDataError('FLOW.HEADER_TRUNCATED', 'not a NetFlow v9 header', 0));
  } else {
    const header = {
      version: 9 as const,
      sysUptimeMs: u32(b, 4),
      exportSecs: u32(b, 8),
      domain: u32(b, 16),
    };
    walkSets(b, HEADER_LENGTH, b.length, NETFLOW_V9_DIALECT, header, exporter, cache, counters, records, problems);
  }
  if (problems.length === 0) counters.datagramsDecoded++;
  else counters.datagramsMalformed++;
  return { format: 'netflow-v9', records, problems };
}
