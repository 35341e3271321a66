/**
 * Where a template field's value goes. Templates are compiled once into an array of these numbers, so
 * decoding a data record is a `switch` over small integers instead of a lookup per field.
 */
export const Slot = {
  Skip: 0,
  Bytes: 1,
  Packets: 2,
  TotalBytes: 3,
  TotalPackets: 4,
  Protocol: 5,
  Tos: 6,
  TcpFlags: 7,
  SrcPort: 8,
  DstPort: 9,
  SrcIpv4: 10,
  DstIpv4: 11,
  SrcIpv6: 12,
  DstIpv6: 13,
  SrcMask: 14,
  DstMask: 15,
  InIf: 16,
  OutIf: 17,
  NextHopIpv4: 18,
  NextHopIpv6: 19,
  SrcMac: 20,
  DstMac: 21,
  Vlan: 22,
  StartUptime: 23,
  EndUptime: 24,
  StartSeconds: 25,
  EndSeconds: 26,
  StartMillis: 27,
  EndMillis: 28,
  SamplingInterval: 29,
  SamplerId: 30,
  ForwardingStatus: 31,
  MplsLabel: 32,
  VrfIn: 33,
  VrfOut: 34,
  VrfName: 35,
  Direction: 36,
  ReverseBytes: 37,
  ReversePackets: 38,
  SystemInitMillis: 39,
  SamplingSize: 40,
  SamplingPopulation: 41,
  DataLinkFrame: 42,
  StartMicros: 43,
  EndMicros: 44,
  PostSrcMac: 45,
  PostDstMac: 46,
  OutBytes: 47,
  OutPackets: 48,
  PacketInterval: 49,
  PacketSpace: 50,
  BgpNextHopIpv4: 51,
  BgpNextHopIpv6: 52,
} as const;

export type Slot = (typeof Slot)[keyof typeof Slot];

/** IANA information elements (and the NetFlow v9 field types, which share numbers 1–127) we keep. */
const STANDARD: ReadonlyMap<number, Slot> = new Map<number, Slot>([
  [1, Slot.Bytes], [2, Slot.Packets], [85, Slot.TotalBytes], [86, Slot.TotalPackets],
  [23, Slot.OutBytes], [24, Slot.OutPackets],
  [4, Slot.Protocol], [5, Slot.Tos], [6, Slot.TcpFlags], [7, Slot.SrcPort], [11, Slot.DstPort],
  [8, Slot.SrcIpv4], [12, Slot.DstIpv4], [27, Slot.SrcIpv6], [28, Slot.DstIpv6],
  [9, Slot.SrcMask], [13, Slot.DstMask], [29, Slot.SrcMask], [30, Slot.DstMask],
  [10, Slot.InIf], [14, Slot.OutIf], [15, Slot.NextHopIpv4], [62, Slot.NextHopIpv6], [18, Slot.BgpNextHopIpv4], [63, Slot.BgpNextHopIpv6],
  [56, Slot.SrcMac], [80, Slot.DstMac], [81, Slot.PostSrcMac], [57, Slot.PostDstMac],
  [58, Slot.Vlan], [243, Slot.Vlan],
  [22, Slot.StartUptime], [21, Slot.EndUptime], [150, Slot.StartSeconds], [151, Slot.EndSeconds],
  [152, Slot.StartMillis], [153, Slot.EndMillis], [154, Slot.StartMicros], [155, Slot.EndMicros],
  [34, Slot.SamplingInterval], [50, Slot.SamplingInterval], [305, Slot.PacketInterval], [306, Slot.PacketSpace],
  [48, Slot.SamplerId], [302, Slot.SamplerId], [309, Slot.SamplingSize], [310, Slot.SamplingPopulation],
  [89, Slot.ForwardingStatus], [234, Slot.VrfIn], [235, Slot.VrfOut], [236, Slot.VrfName],
  [61, Slot.Direction], [160, Slot.SystemInitMillis], [315, Slot.DataLinkFrame],
  [70, Slot.MplsLabel], [71, Slot.MplsLabel], [72, Slot.MplsLabel], [73, Slot.MplsLabel], [74, Slot.MplsLabel],
  [75, Slot.MplsLabel], [76, Slot.MplsLabel], [77, Slot.MplsLabel], [78, Slot.MplsLabel], [79, Slot.MplsLabel],
]);

/** RFC 5103: under this enterprise number, an element's number means "the same element, reverse direction". */
const REVERSE_PEN = 29305;

export function slotFor(enterprise: number, element: number): Slot {
  if (enterprise === 0) return STANDARD.get(element) ?? Slot.Skip;
  if (enterprise === REVERSE_PEN) {
    if (element === 1 || element === 85) return Slot.ReverseBytes;
    if (element === 2 || element === 86) return Slot.ReversePackets;
  }
  return Slot.Skip;
}
