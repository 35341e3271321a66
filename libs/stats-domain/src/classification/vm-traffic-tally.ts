import type { AddressEntry } from '../address-map/address-entry.js';
import type { AddressIndex } from '../address-map/address-index.js';
import { FrameHeaders, readEthernet } from '../addresses/frame-headers.js';
import type { FlowRecord } from '../decoding/flow-record.js';
import { classifyEnds, lookupEnd } from './classify-flow.js';
import { TRAFFIC_CLASSES, TrafficClassIndex, type TrafficClass } from './traffic-class.js';

/** Per-class totals of one VM over one reporting interval. */
export interface VmTrafficRow {
  readonly vmId: string;
  readonly tenantId: string;
  readonly hostId: string;
  readonly domainId: string;
  readonly trafficClass: TrafficClass;
  readonly bytes: number;
  readonly packets: number;
  readonly flows: number;
}

interface VmCounters {
  readonly entry: AddressEntry;
  readonly bytes: Float64Array;
  readonly packets: Float64Array;
  readonly flows: Float64Array;
}

/**
 * Per-VM, per-class byte/packet/flow counters, fed by decoded flows (collector mode) or by raw frames
 * (agent mode), and drained once per reporting interval. Each known end of a flow is credited, so traffic
 * between two VMs shows under both; traffic whose both ends are unknown is counted only in `unattributed`.
 */
export class VmTrafficTally {
  private vms = new Map<string, VmCounters>();
  /** Flow keys seen this interval in agent mode, so a flow counts once however many frames it has. */
  private seenFlows = new Set<string>();
  private readonly headers = new FrameHeaders();
  unattributed = { bytes: 0, packets: 0, flows: 0 };

  /** Collector mode: one decoded flow (both directions of a biflow record), scaled up by its sampling rate. */
  addFlow(index: AddressIndex, flow: FlowRecord): TrafficClass {
    const src = lookupEnd(index, flow.srcIp, flow.srcMac);
    const dst = lookupEnd(index, flow.dstIp, flow.dstMac);
    const cls = classifyEnds(src, dst);
    const rate = flow.samplingRate;
    this.credit(src, dst, cls, (flow.bytes + flow.reverseBytes) * rate, (flow.packets + flow.reversePackets) * rate, 1);
    return cls;
  }

  /** Agent mode: one frame as the switch forwards it. Returns undefined when it is not even Ethernet. */
  addFrame(index: AddressIndex, frame: Uint8Array): TrafficClass | undefined {
    const h = this.headers;
    if (!readEthernet(frame, 0, frame.length, h)) return undefined;
    const ipKnown = h.ipVersion !== 0;
    const src = lookupEnd(index, ipKnown ? h.srcIp : '', h.srcMac);
    const dst = lookupEnd(index, ipKnown ? h.dstIp : '', h.dstMac);
    const cls = classifyEnds(src, dst);
    const key = ipKnown ? `${h.srcIp}|${h.dstIp}|${h.protocol}|${h.srcPort}|${h.dstPort}` : `${h.srcMac}|${h.dstMac}|${h.etherType}`;
    const isNewFlow = !this.seenFlows.has(key);
    if (isNewFlow) this.seenFlows.add(key);
    this.credit(src, dst, cls, frame.length, 1, isNewFlow ? 1 : 0);
    return cls;
  }

  /** The interval's rows (only non-zero ones), and a fresh interval. */
  drain(): VmTrafficRow[] {
    const rows: VmTrafficRow[] = [];
    for (const c of this.vms.values()) {
      for (let i = 0; i < TRAFFIC_CLASSES.length; i++) {
        if (c.packets[i] === 0 && c.flows[i] === 0) continue;
        const { vmId, tenantId, hostId, domainId } = c.entry;
        rows.push({ vmId, tenantId, hostId, domainId, trafficClass: TRAFFIC_CLASSES[i], bytes: c.bytes[i], packets: c.packets[i], flows: c.flows[i] });
      }
    }
    this.vms = new Map();
    this.seenFlows = new Set();
    this.unattributed = { bytes: 0, packets: 0, flows: 0 };
    return rows;
  }

  private credit(src: AddressEntry | undefined, dst: AddressEntry | undefined, cls: TrafficClass, bytes: number, packets: number, flows: number): void {
    if (!src && !dst) {
      this.unattributed.bytes += bytes;
      this.unattributed.packets += packets;
      this.unattributed.flows += flows;
      return;
    }
    const i = TrafficClassIndex[cls];
    if (src) this.add(src, i, bytes, packets, flows);
    if (dst && dst.vmId !== src?.vmId) this.add(dst, i, bytes, packets, flows);
  }

  private add(entry: AddressEntry, i: number, bytes: number, packets: number, flows: number): void {
    let c = this.vms.get(entry.vmId);
    if (!c) {
      c = { entry, bytes: new Float64Array(4), packets: new Float64Array(4), flows: new Float64Array(4) };
      this.vms.set(entry.vmId, c);
    }
    c.bytes[i] += bytes;
    c.packets[i] += packets;
    c.flows[i] += flows;
  }
}
