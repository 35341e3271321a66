import { ipv4Text, ipv6Text, macText } from './cached-address-text.js';

/**
 * What the L2–L4 headers of one frame say. One instance is reused for every frame a caller parses, so the
 * hot paths (sFlow sampled headers, agent-mode frames) allocate only the address strings.
 */
export class FrameHeaders {
  srcMac = '';
  dstMac = '';
  /** Innermost 802.1Q VLAN id, 0 when untagged. */
  vlan = 0;
  etherType = 0;
  ipVersion: 0 | 4 | 6 = 0;
  srcIp = '';
  dstIp = '';
  protocol = 0;
  tos = 0;
  /** Length of the IP packet as its header states it (0 when there is no IP header). */
  ipLength = 0;
  /** Where the IP header starts in the buffer. */
  ipAt = 0;
  ipId = 0;
  /** Fragment offset in bytes and the more-fragments flag (IPv4). */
  fragmentOffset = 0;
  moreFragments = false;
  srcPort = 0;
  dstPort = 0;
  tcpFlags = 0;
  /** Where the IP payload (the L4 header) starts in the buffer, and where the UDP payload starts. */
  ipPayloadAt = 0;
  udpPayloadAt = 0;
  udpPayloadLength = 0;

  reset(): void {
    this.srcMac = this.dstMac = this.srcIp = this.dstIp = '';
    this.vlan = this.etherType = this.ipVersion = this.protocol = this.tos = this.ipLength = this.ipAt = this.ipId = 0;
    this.fragmentOffset = this.srcPort = this.dstPort = this.tcpFlags = 0;
    this.ipPayloadAt = this.udpPayloadAt = this.udpPayloadLength = 0;
    this.moreFragments = false;
  }
}

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const VLAN_TAGS = new Set([0x8100, 0x88a8, 0x9100]);
const IPV6_EXTENSIONS = new Set([0, 43, 60]);

/**
 * Reads Ethernet (with any number of VLAN/QinQ tags), IPv4/IPv6 and the TCP/UDP ports from b[at..end).
 * A truncated header stops the walk where the bytes run out: whatever was read stays valid, since sampled
 * headers are routinely cut short. Returns false only when not even the Ethernet header is there.
 */
export function readEthernet(b: Uint8Array, at: number, end: number, out: FrameHeaders): boolean {
  out.reset();
  if (end - at < 14) return false;
  out.dstMac = macText(b, at);
  out.srcMac = macText(b, at + 6);
  let type = (b[at + 12] << 8) | b[at + 13];
  at += 14;
  while (VLAN_TAGS.has(type) && end - at >= 4) {
    out.vlan = ((b[at] << 8) | b[at + 1]) & 0x0fff;
    type = (b[at + 2] << 8) | b[at + 3];
    at += 4;
  }
  out.etherType = type;
  if (type === ETH_IPV4 || type === ETH_IPV6) readIp(b, at, end, out);
  return true;
}

/** Reads an IPv4 or IPv6 header (chosen by its version nibble) and the L4 ports after it. */
export function readIp(b: Uint8Array, at: number, end: number, out: FrameHeaders): void {
  if (end - at < 1) return;
  const version = b[at] >> 4;
  if (version === 4) {
    const ihl = (b[at] & 15) * 4;
    if (end - at < 20 || ihl < 20) return;
    out.ipVersion = 4;
    out.ipAt = at;
    out.tos = b[at + 1];
    out.ipLength = (b[at + 2] << 8) | b[at + 3];
    out.ipId = (b[at + 4] << 8) | b[at + 5];
    const frag = (b[at + 6] << 8) | b[at + 7];
    out.moreFragments = (frag & 0x2000) !== 0;
    out.fragmentOffset = (frag & 0x1fff) * 8;
    out.protocol = b[at + 9];
    out.srcIp = ipv4Text(b, at + 12);
    out.dstIp = ipv4Text(b, at + 16);
    out.ipPayloadAt = at + ihl;
    // Only the first fragment carries the L4 header.
    if (out.fragmentOffset === 0) readL4(b, at + ihl, Math.min(end, at + Math.max(out.ipLength, ihl)), out);
  } else if (version === 6) {
    if (end - at < 40) return;
    out.ipVersion = 6;
    out.ipAt = at;
    out.tos = ((b[at] & 15) << 4) | (b[at + 1] >> 4);
    out.ipLength = 40 + ((b[at + 4] << 8) | b[at + 5]);
    let next = b[at + 6];
    out.srcIp = ipv6Text(b, at + 8);
    out.dstIp = ipv6Text(b, at + 24);
    let p = at + 40;
    const ipEnd = Math.min(end, at + out.ipLength);
    while (IPV6_EXTENSIONS.has(next) && ipEnd - p >= 8) {
      const len = (b[p + 1] + 1) * 8;
      next = b[p];
      p += len;
    }
    if (next === 44 && ipEnd - p >= 8) {
      const frag = (b[p + 2] << 8) | b[p + 3];
      out.fragmentOffset = frag & 0xfff8;
      out.moreFragments = (frag & 1) !== 0;
      out.ipId = ((b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7]) >>> 0;
      next = b[p];
      p += 8;
    }
    out.protocol = next;
    out.ipPayloadAt = p;
    if (out.fragmentOffset === 0) readL4(b, p, ipEnd, out);
  }
}

function readL4(b: Uint8Array, at: number, end: number, out: FrameHeaders): void {
  const p = out.protocol;
  if ((p === 6 || p === 17 || p === 132) && end - at >= 4) {
    out.srcPort = (b[at] << 8) | b[at + 1];
    out.dstPort = (b[at + 2] << 8) | b[at + 3];
  }
  if (p === 6 && end - at >= 14) out.tcpFlags = b[at + 13];
  if (p === 17 && end - at >= 8) {
    out.udpPayloadAt = at + 8;
    out.udpPayloadLength = Math.max(0, Math.min(end - at, (b[at + 4] << 8) | b[at + 5]) - 8);
  }
}
