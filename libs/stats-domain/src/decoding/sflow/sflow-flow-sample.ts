import { ipv4Text, ipv6Text, macText } from '../../addresses/cached-address-text.js';
import { FrameHeaders, readEthernet, readIp } from '../../addresses/frame-headers.js';
import type { FlowRecord } from '../flow-record.js';
import { u32 } from '../wire-integers.js';

const VXLAN_PORT = 4789;
const headers = new FrameHeaders();
const inner = new FrameHeaders();

/**
 * Reads the flow records of one flow sample, b[at..end), `count` of them, into `rec`. Returns false when a
 * record's length does not fit the sample (the sample is then not trusted). Unknown record types are skipped
 * by their length.
 */
export function readFlowRecords(b: Uint8Array, at: number, end: number, count: number, rec: FlowRecord): boolean {
  let haveHeader = false;
  for (let i = 0; i < count; i++) {
    if (end - at < 8) return false;
    const format = u32(b, at);
    const length = u32(b, at + 4);
    const body = at + 8;
    if (length > end - body) return false;
    const stop = body + length;
    switch (format) {
      case 1: // raw packet header
        if (length < 16) return false;
        if (!readRawHeader(b, body, stop, rec)) return false;
        haveHeader = true;
        break;
      case 2: // ethernet frame data
        if (length < 20) return false;
        if (rec.srcMac === '') rec.srcMac = macText(b, body + 4);
        if (rec.dstMac === '') rec.dstMac = macText(b, body + 12);
        if (!haveHeader) rec.bytes = u32(b, body);
        break;
      case 3: // IPv4 data
        if (length < 32) return false;
        if (!haveHeader) fillSampledIp(b, body, 4, rec);
        break;
      case 4: // IPv6 data
        if (length < 56) return false;
        if (!haveHeader) fillSampledIp(b, body, 16, rec);
        break;
      case 1001: // extended switch
        if (length < 16) return false;
        if (rec.vlan === 0) rec.vlan = u32(b, body) & 0x0fff;
        break;
      case 1002: // extended router
        if (!readRouter(b, body, stop, rec)) return false;
        break;
      default:
        break;
    }
    at = stop;
  }
  return true;
}

function readRawHeader(b: Uint8Array, at: number, end: number, rec: FlowRecord): boolean {
  const protocol = u32(b, at);
  const frameLength = u32(b, at + 4);
  const headerLength = u32(b, at + 12);
  const start = at + 16;
  if (headerLength > end - start) return false;
  const stop = start + headerLength;
  rec.bytes = frameLength;
  const h = headers;
  if (protocol === 1) readEthernet(b, start, stop, h);
  else if (protocol === 11 || protocol === 12) {
    h.reset();
    readIp(b, start, stop, h);
  } else return true;
  copyHeaders(h, rec);
  // An overlay frame: the tenant's addresses are inside, the outer ones belong to the tunnel end points.
  if (h.protocol === 17 && h.dstPort === VXLAN_PORT && h.udpPayloadLength >= 16 && h.udpPayloadAt + 8 <= stop) {
    const v = h.udpPayloadAt;
    if (readEthernet(b, v + 8, stop, inner)) {
      rec.vni = ((b[v + 4] << 16) | (b[v + 5] << 8) | b[v + 6]) >>> 0;
      copyHeaders(inner, rec);
    }
  }
  return true;
}

function copyHeaders(h: FrameHeaders, rec: FlowRecord): void {
  if (h.srcMac !== '') {
    rec.srcMac = h.srcMac;
    rec.dstMac = h.dstMac;
  }
  if (h.vlan !== 0) rec.vlan = h.vlan;
  rec.ipVersion = h.ipVersion;
  rec.srcIp = h.srcIp;
  rec.dstIp = h.dstIp;
  rec.protocol = h.protocol;
  rec.tos = h.tos;
  rec.srcPort = h.srcPort;
  rec.dstPort = h.dstPort;
  rec.tcpFlags = h.tcpFlags;
}

/** sampled_ipv4 / sampled_ipv6: length, protocol, src, dst, ports, tcp flags, tos/priority. */
function fillSampledIp(b: Uint8Array, at: number, addrLen: 4 | 16, rec: FlowRecord): void {
  rec.bytes = u32(b, at);
  rec.protocol = u32(b, at + 4);
  const src = at + 8;
  const dst = src + addrLen;
  rec.ipVersion = addrLen === 4 ? 4 : 6;
  rec.srcIp = addrLen === 4 ? ipv4Text(b, src) : ipv6Text(b, src);
  rec.dstIp = addrLen === 4 ? ipv4Text(b, dst) : ipv6Text(b, dst);
  const after = dst + addrLen;
  rec.srcPort = u32(b, after) & 0xffff;
  rec.dstPort = u32(b, after + 4) & 0xffff;
  rec.tcpFlags = u32(b, after + 8) & 0xff;
  rec.tos = u32(b, after + 12) & 0xff;
}

function readRouter(b: Uint8Array, at: number, end: number, rec: FlowRecord): boolean {
  if (end - at < 4) return false;
  const type = u32(b, at);
  const addrLen = type === 1 ? 4 : type === 2 ? 16 : -1;
  if (addrLen < 0 || end - at < 4 + addrLen + 8) return false;
  rec.nextHop = addrLen === 4 ? ipv4Text(b, at + 4) : ipv6Text(b, at + 4);
  rec.srcMask = u32(b, at + 4 + addrLen) & 0xff;
  rec.dstMask = u32(b, at + 8 + addrLen) & 0xff;
  return true;
}
