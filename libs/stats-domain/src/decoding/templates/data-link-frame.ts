import { FrameHeaders, readEthernet } from '../../addresses/frame-headers.js';
import type { FlowRecord } from '../flow-record.js';

const scratchHeaders = new FrameHeaders();

/**
 * Fills what the record left empty from the L2–L4 headers of a sampled frame it carried (IPFIX
 * dataLinkFrameSection, which is how some switches export instead of sending addresses).
 */
export function fillFromFrame(b: Uint8Array, at: number, length: number, rec: FlowRecord): void {
  const h = scratchHeaders;
  if (!readEthernet(b, at, at + length, h)) return;
  if (rec.srcMac === '') rec.srcMac = h.srcMac;
  if (rec.dstMac === '') rec.dstMac = h.dstMac;
  if (rec.vlan === 0) rec.vlan = h.vlan;
  if (rec.ipVersion === 0 && h.ipVersion !== 0) {
    rec.ipVersion = h.ipVersion;
    rec.srcIp = h.srcIp;
    rec.dstIp = h.dstIp;
    rec.protocol = h.protocol;
    rec.tos = h.tos;
    rec.srcPort = h.srcPort;
    rec.dstPort = h.dstPort;
    rec.tcpFlags = h.tcpFlags;
  }
}
