import { ipBytes } from '#vorch/stats-domain';

/** One flow as a switch in collector mode exports it (IPv4 or IPv6 ends). */
export interface ExportedFlow {
  srcMac: string;
  dstMac: string;
  srcIp: string;
  dstIp: string;
  protocol: number;
  srcPort: number;
  dstPort: number;
  bytes: number;
  packets: number;
}

const IPFIX_VERSION = 10;
const TEMPLATE_SET_ID = 2;
/** Data template ids start at 256 (RFC 7011 §3.4.1). */
export const IPV4_TEMPLATE_ID = 256;
export const IPV6_TEMPLATE_ID = 257;

/** Information elements (IANA ids and lengths) of our two templates; only the address elements differ. */
const COMMON_FIELDS: [number, number][] = [
  [56, 6], // sourceMacAddress
  [80, 6], // destinationMacAddress
  [4, 1], // protocolIdentifier
  [7, 2], // sourceTransportPort
  [11, 2], // destinationTransportPort
  [1, 8], // octetDeltaCount
  [2, 8], // packetDeltaCount
];
const V4_FIELDS: [number, number][] = [[8, 4], [12, 4], ...COMMON_FIELDS];
const V6_FIELDS: [number, number][] = [[27, 16], [28, 16], ...COMMON_FIELDS];
const recordLength = (fields: [number, number][]) => fields.reduce((n, [, len]) => n + len, 0);
export const IPV4_RECORD_LENGTH = recordLength(V4_FIELDS);

export interface IpfixMessageOptions {
  observationDomainId: number;
  /** Data records sent before this message in this observation domain (RFC 7011 sequence number). */
  sequence: number;
  exportTimeSec: number;
  /** Send the templates in this message (exporters repeat them periodically over UDP). */
  withTemplates: boolean;
}

/**
 * Builds one RFC 7011 IPFIX message: header, optional template set (both templates), then one data set per
 * address family present. Kept under the usual 1,500-byte MTU by the caller's choice of batch size.
 */
export function buildIpfixMessage(flows: readonly ExportedFlow[], opts: IpfixMessageOptions): Buffer {
  const v4 = flows.filter((f) => !f.srcIp.includes(':'));
  const v6 = flows.filter((f) => f.srcIp.includes(':'));
  const templateSetLength = 4 + (4 + V4_FIELDS.length * 4) + (4 + V6_FIELDS.length * 4);
  const dataSetLength = (n: number, fields: [number, number][]) => (n === 0 ? 0 : 4 + n * recordLength(fields));
  const length = 16 + (opts.withTemplates ? templateSetLength : 0) + dataSetLength(v4.length, V4_FIELDS) + dataSetLength(v6.length, V6_FIELDS);
  const b = Buffer.alloc(length);
  // 1. message header
  b.writeUInt16BE(IPFIX_VERSION, 0);
  b.writeUInt16BE(length, 2);
  b.writeUInt32BE(opts.exportTimeSec >>> 0, 4);
  b.writeUInt32BE(opts.sequence >>> 0, 8);
  b.writeUInt32BE(opts.observationDomainId >>> 0, 12);
  let at = 16;
  // 2. templates
  if (opts.withTemplates) {
    b.writeUInt16BE(TEMPLATE_SET_ID, at);
    b.writeUInt16BE(templateSetLength, at + 2);
    at += 4;
    for (const [id, fields] of [[IPV4_TEMPLATE_ID, V4_FIELDS], [IPV6_TEMPLATE_ID, V6_FIELDS]] as const) {
      b.writeUInt16BE(id, at);
      b.writeUInt16BE(fields.length, at + 2);
      at += 4;
      for (const [ie, len] of fields) {
        b.writeUInt16BE(ie, at);
        b.writeUInt16BE(len, at + 2);
        at += 4;
      }
    }
  }
  // 3. data sets
  for (const [id, set, fields] of [[IPV4_TEMPLATE_ID, v4, V4_FIELDS], [IPV6_TEMPLATE_ID, v6, V6_FIELDS]] as const) {
    if (set.length === 0) continue;
    b.writeUInt16BE(id, at);
    b.writeUInt16BE(dataSetLength(set.length, fields), at + 2);
    at += 4;
    for (const f of set) at = writeRecord(b, at, f);
  }
  return b;
}

function writeRecord(b: Buffer, at: number, f: ExportedFlow): number {
  for (const ip of [f.srcIp, f.dstIp]) {
    const bytes = ipBytes(ip);
    if (!bytes) throw new Error(`${ip} is not an IP address`);
    b.set(bytes, at);
    at += bytes.length;
  }
  for (const mac of [f.srcMac, f.dstMac]) {
    b.write(mac.replace(/[:-]/g, ''), at, 6, 'hex');
    at += 6;
  }
  b.writeUInt8(f.protocol, at);
  b.writeUInt16BE(f.srcPort, at + 1);
  b.writeUInt16BE(f.dstPort, at + 3);
  b.writeBigUInt64BE(BigInt(f.bytes), at + 5);
  b.writeBigUInt64BE(BigInt(f.packets), at + 13);
  return at + 21;
}
