import { FrameHeaders, readEthernet } from '../addresses/frame-headers.js';
import type { CapturedFrame } from './pcap-reader.js';

/** A UDP datagram carried in a capture, as a collector socket would have received it. */
export interface CapturedDatagram {
  readonly timestampMs: number;
  readonly exporter: string;
  readonly srcPort: number;
  readonly dstPort: number;
  readonly payload: Uint8Array;
}

const LINKTYPE_ETHERNET = 1;

/**
 * The UDP datagrams in Ethernet frames, IP fragments put back together (exporters send datagrams larger
 * than the MTU, and some captures hold them fragmented). Frames that are not UDP are skipped.
 */
export function udpDatagrams(frames: readonly CapturedFrame[]): CapturedDatagram[] {
  const out: CapturedDatagram[] = [];
  const h = new FrameHeaders();
  const pending = new Map<string, { parts: { offset: number; bytes: Uint8Array }[]; total: number; first?: Uint8Array }>();
  for (const frame of frames) {
    if (frame.linkType !== LINKTYPE_ETHERNET) continue;
    const d = frame.data;
    if (!readEthernet(d, 0, d.length, h) || h.ipVersion === 0 || h.protocol !== 17) continue;
    if (h.fragmentOffset === 0 && !h.moreFragments) {
      if (h.udpPayloadAt === 0) continue;
      out.push({ timestampMs: frame.timestampMs, exporter: h.srcIp, srcPort: h.srcPort, dstPort: h.dstPort, payload: d.subarray(h.udpPayloadAt, h.udpPayloadAt + h.udpPayloadLength) });
      continue;
    }
    const key = `${h.srcIp}>${h.dstIp}#${h.ipId}`;
    const entry = pending.get(key) ?? { parts: [], total: -1 };
    pending.set(key, entry);
    const ipStart = h.ipPayloadAt;
    // Ethernet padding after the IP packet is not payload.
    const ipEnd = Math.min(d.length, h.ipAt + h.ipLength);
    entry.parts.push({ offset: h.fragmentOffset, bytes: d.subarray(ipStart, ipEnd) });
    if (!h.moreFragments) entry.total = h.fragmentOffset + (ipEnd - ipStart);
    const have = entry.parts.reduce((n, p) => n + p.bytes.length, 0);
    if (entry.total < 0 || have < entry.total) continue;
    pending.delete(key);
    const whole = new Uint8Array(entry.total);
    for (const p of entry.parts) whole.set(p.bytes, p.offset);
    const udpLength = (whole[4] << 8) | whole[5];
    out.push({
      timestampMs: frame.timestampMs,
      exporter: h.srcIp,
      srcPort: (whole[0] << 8) | whole[1],
      dstPort: (whole[2] << 8) | whole[3],
      payload: whole.subarray(8, Math.min(whole.length, udpLength)),
    });
  }
  return out;
}
