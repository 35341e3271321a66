import { Buffer } from 'node:buffer';
import { ipv4Text, ipv6Text, macText } from '../../addresses/cached-address-text.js';
import type { FlowRecord } from '../flow-record.js';
import { VARIABLE_LENGTH, type CompiledTemplate } from './compiled-template.js';
import { Slot } from './field-slot.js';
import type { RecordExtras } from './record-extras.js';
import { ntpMillis, readUnsigned } from '../wire-integers.js';

/**
 * Decodes one data record described by `t` starting at `at`, into `rec` and `extras` (both reset by the
 * caller). Returns the offset after the record, or -1 when a variable-length field runs past `end`.
 */
export function readDataRecord(b: Uint8Array, at: number, end: number, t: CompiledTemplate, rec: FlowRecord, extras: RecordExtras): number {
  const slots = t.slots;
  const lengths = t.lengths;
  const n = slots.length;
  for (let i = 0; i < n; i++) {
    let len = lengths[i];
    if (len === VARIABLE_LENGTH) {
      if (at >= end) return -1;
      len = b[at++];
      if (len === 255) {
        if (at + 2 > end) return -1;
        len = (b[at] << 8) | b[at + 1];
        at += 2;
      }
    }
    if (at + len > end) return -1;
    switch (slots[i]) {
      case Slot.Skip:
        break;
      case Slot.Bytes:
        rec.bytes = readUnsigned(b, at, len);
        break;
      case Slot.Packets:
        rec.packets = readUnsigned(b, at, len);
        break;
      case Slot.TotalBytes:
        extras.totalBytes = readUnsigned(b, at, len);
        break;
      case Slot.TotalPackets:
        extras.totalPackets = readUnsigned(b, at, len);
        break;
      case Slot.OutBytes:
        extras.outBytes = readUnsigned(b, at, len);
        break;
      case Slot.OutPackets:
        extras.outPackets = readUnsigned(b, at, len);
        break;
      case Slot.Protocol:
        rec.protocol = readUnsigned(b, at, len);
        break;
      case Slot.Tos:
        rec.tos = readUnsigned(b, at, len);
        break;
      case Slot.TcpFlags:
        // The 2-byte form (RFC 7125) keeps the classic flags in its low byte.
        rec.tcpFlags = readUnsigned(b, at, len) & 0xff;
        break;
      case Slot.SrcPort:
        rec.srcPort = readUnsigned(b, at, len);
        break;
      case Slot.DstPort:
        rec.dstPort = readUnsigned(b, at, len);
        break;
      case Slot.SrcIpv4:
        rec.srcIp = ipv4Text(b, at);
        rec.ipVersion = 4;
        break;
      case Slot.DstIpv4:
        rec.dstIp = ipv4Text(b, at);
        rec.ipVersion = 4;
        break;
      case Slot.SrcIpv6:
        rec.srcIp = ipv6Text(b, at);
        rec.ipVersion = 6;
        break;
      case Slot.DstIpv6:
        rec.dstIp = ipv6Text(b, at);
        rec.ipVersion = 6;
        break;
      case Slot.SrcMask:
        rec.srcMask = readUnsigned(b, at, len);
        break;
      case Slot.DstMask:
        rec.dstMask = readUnsigned(b, at, len);
        break;
      case Slot.InIf:
        rec.inIf = readUnsigned(b, at, len);
        break;
      case Slot.OutIf:
        rec.outIf = readUnsigned(b, at, len);
        break;
      case Slot.NextHopIpv4:
        rec.nextHop = ipv4Text(b, at);
        break;
      case Slot.NextHopIpv6:
        rec.nextHop = ipv6Text(b, at);
        break;
      // Routers that export only the BGP next hop: use it unless the IP next hop is (or comes) there too.
      case Slot.BgpNextHopIpv4:
        if (rec.nextHop === '') rec.nextHop = ipv4Text(b, at);
        break;
      case Slot.BgpNextHopIpv6:
        if (rec.nextHop === '') rec.nextHop = ipv6Text(b, at);
        break;
      case Slot.SrcMac:
        rec.srcMac = macText(b, at);
        break;
      case Slot.DstMac:
        rec.dstMac = macText(b, at);
        break;
      case Slot.PostSrcMac:
        if (rec.srcMac === '') rec.srcMac = macText(b, at);
        break;
      case Slot.PostDstMac:
        if (rec.dstMac === '') rec.dstMac = macText(b, at);
        break;
      case Slot.Vlan:
        rec.vlan = readUnsigned(b, at, len) & 0x0fff;
        break;
      case Slot.StartUptime:
        extras.startUptime = readUnsigned(b, at, len);
        break;
      case Slot.EndUptime:
        extras.endUptime = readUnsigned(b, at, len);
        break;
      case Slot.StartSeconds:
        rec.startMs = readUnsigned(b, at, len) * 1000;
        break;
      case Slot.EndSeconds:
        rec.endMs = readUnsigned(b, at, len) * 1000;
        break;
      case Slot.StartMillis:
        rec.startMs = readUnsigned(b, at, len);
        break;
      case Slot.EndMillis:
        rec.endMs = readUnsigned(b, at, len);
        break;
      case Slot.StartMicros:
        if (len === 8) rec.startMs = ntpMillis(b, at);
        break;
      case Slot.EndMicros:
        if (len === 8) rec.endMs = ntpMillis(b, at);
        break;
      case Slot.SamplingInterval:
        extras.samplingInterval = readUnsigned(b, at, len);
        break;
      case Slot.SamplerId:
        extras.samplerId = readUnsigned(b, at, len);
        break;
      case Slot.SamplingSize:
        extras.samplingSize = readUnsigned(b, at, len);
        break;
      case Slot.SamplingPopulation:
        extras.samplingPopulation = readUnsigned(b, at, len);
        break;
      case Slot.PacketInterval:
        extras.packetInterval = readUnsigned(b, at, len);
        break;
      case Slot.PacketSpace:
        extras.packetSpace = readUnsigned(b, at, len);
        break;
      case Slot.SystemInitMillis:
        extras.systemInitMs = readUnsigned(b, at, len);
        break;
      case Slot.ForwardingStatus:
        rec.forwardingStatus = readUnsigned(b, at, len);
        break;
      case Slot.MplsLabel: {
        const label = ((b[at] << 12) | (b[at + 1] << 4) | (b[at + 2] >> 4)) >>> 0;
        if (label !== 0 || b[at + 2] !== 0) (rec.mplsLabels ??= []).push(label);
        break;
      }
      case Slot.VrfIn:
        rec.vrfIn = readUnsigned(b, at, len);
        break;
      case Slot.VrfOut:
        rec.vrfOut = readUnsigned(b, at, len);
        break;
      case Slot.VrfName:
        rec.vrfName = text(b, at, len);
        break;
      case Slot.Direction:
        rec.direction = readUnsigned(b, at, len);
        break;
      case Slot.ReverseBytes:
        rec.reverseBytes = readUnsigned(b, at, len);
        break;
      case Slot.ReversePackets:
        rec.reversePackets = readUnsigned(b, at, len);
        break;
      case Slot.DataLinkFrame:
        extras.frameAt = at;
        extras.frameLength = len;
        break;
    }
    at += len;
  }
  return at;
}

/** Text fields are NUL-padded by some exporters. */
function text(b: Uint8Array, at: number, len: number): string {
  let stop = at;
  while (stop < at + len && b[stop] !== 0) stop++;
  return Buffer.from(b.buffer, b.byteOffset + at, stop - at).toString('utf8');
}
