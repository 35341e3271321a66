import { ipBytes } from '#vorch/stats-domain';

/**
 * Builds an Ethernet + IPv4/IPv6 + UDP frame of the given total length: what a simulated switch forwards in
 * agent mode. Only the headers matter to the classifier; the payload is zeros.
 */
export function buildUdpFrame(f: { srcMac: string; dstMac: string; srcIp: string; dstIp: string; srcPort: number; dstPort: number; length?: number }): Uint8Array {
  const src = ipBytes(f.srcIp);
  const dst = ipBytes(f.dstIp);
  if (!src || !dst) throw new Error('frame ends must be IP addresses');
  const v6 = src.length === 16;
  const ipHeader = v6 ? 40 : 20;
  const length = Math.max(f.length ?? 128, 14 + ipHeader + 8);
  const b = Buffer.alloc(length);
  b.write(f.dstMac.replace(/[:-]/g, ''), 0, 6, 'hex');
  b.write(f.srcMac.replace(/[:-]/g, ''), 6, 6, 'hex');
  b.writeUInt16BE(v6 ? 0x86dd : 0x0800, 12);
  const ip = 14;
  const ipLength = length - 14;
  if (v6) {
    b[ip] = 0x60;
    b.writeUInt16BE(ipLength - 40, ip + 4);
    b[ip + 6] = 17;
    b[ip + 7] = 64;
    b.set(src, ip + 8);
    b.set(dst, ip + 24);
  } else {
    b[ip] = 0x45;
    b.writeUInt16BE(ipLength, ip + 2);
    b[ip + 8] = 64;
    b[ip + 9] = 17;
    b.set(src, ip + 12);
    b.set(dst, ip + 16);
  }
  const udp = ip + ipHeader;
  b.writeUInt16BE(f.srcPort, udp);
  b.writeUInt16BE(f.dstPort, udp + 2);
  b.writeUInt16BE(ipLength - ipHeader, udp + 4);
  return b;
}
