/** The wire formats the collector understands. */
export type FlowFormat = 'ipfix' | 'netflow-v9' | 'netflow-v5' | 'sflow-v5';

/**
 * One decoded flow. Every field is always present (0 or '' when the exporter did not send it) so all records
 * share one hidden class and the classifier's property reads stay monomorphic. Byte and packet counts are as
 * exported; multiply by `samplingRate` for the estimate of real traffic.
 */
export class FlowRecord {
  format: FlowFormat = 'ipfix';
  /** Address the datagram came from, as the caller saw it on the socket. */
  exporter = '';
  /** IPFIX observation domain, NetFlow v9 source id, sFlow source id (type << 24 | index). */
  observationDomainId = 0;
  /** Template that described the record (IPFIX/NetFlow v9), 0 otherwise. */
  templateId = 0;
  ipVersion: 0 | 4 | 6 = 0;
  srcIp = '';
  dstIp = '';
  srcMac = '';
  dstMac = '';
  srcPort = 0;
  dstPort = 0;
  protocol = 0;
  tos = 0;
  tcpFlags = 0;
  srcMask = 0;
  dstMask = 0;
  inIf = 0;
  outIf = 0;
  vlan = 0;
  /** VXLAN network identifier when the sampled frame was VXLAN: addresses are then the inner (overlay) ones. */
  vni = 0;
  bytes = 0;
  packets = 0;
  /** RFC 5103 biflow reverse direction counters (IPFIX PEN 29305), 0 when the record is one-way. */
  reverseBytes = 0;
  reversePackets = 0;
  /** 1 when unsampled or unknown. */
  samplingRate = 1;
  /** Unix epoch milliseconds, 0 when the record carries no time. */
  startMs = 0;
  endMs = 0;
  nextHop = '';
  /** IPFIX forwardingStatus (89): the two top bits are the status class. */
  forwardingStatus = 0;
  /** MPLS label values, outermost first; undefined when the record has none (most records). */
  mplsLabels: number[] | undefined = undefined;
  vrfIn = 0;
  vrfOut = 0;
  vrfName = '';
  direction = 0;
}
