import type { DatagramResult } from './datagram-result.js';
import type { DecodeCounters } from './decode-counters.js';
import { decodeIpfix } from './ipfix/ipfix-decoder.js';
import { MalformedFlowDataError } from './malformed-flow-data.error.js';
import { decodeNetflowV5 } from './netflow-v5/netflow-v5-decoder.js';
import { decodeNetflowV9 } from './netflow-v9/netflow-v9-decoder.js';
import { decodeSflow } from './sflow/sflow-decoder.js';
import type { ExporterTemplates } from './templates/exporter-templates.js';

/**
 * Decodes a datagram of any supported format, told apart by its first bytes: NetFlow and IPFIX start with a
 * 16-bit version (5, 9, 10), sFlow with a 32-bit one (5), so a leading zero 16-bit word means sFlow. One
 * listener can then take every format on one port.
 */
export function decodeDatagram(datagram: Uint8Array, exporter: string, cache: ExporterTemplates, counters: DecodeCounters): DatagramResult {
  const version16 = datagram.length >= 2 ? (datagram[0] << 8) | datagram[1] : -1;
  switch (version16) {
    case 10:
      return decodeIpfix(datagram, exporter, cache, counters);
    case 9:
      return decodeNetflowV9(datagram, exporter, cache, counters);
    case 5:
      return decodeNetflowV5(datagram, exporter, counters);
    case 0:
      if (datagram.length >= 4 && datagram[2] === 0 && datagram[3] === 5) return decodeSflow(datagram, exporter, counters);
  }
  counters.datagramsReceived++;
  counters.datagramsMalformed++;
  return { format: undefined, records: [], problems: [new MalformedFlowDataError('FLOW.UNKNOWN_FORMAT', `unknown flow export version ${version16}`, 0)] };
}
