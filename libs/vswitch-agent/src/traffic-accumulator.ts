import type { VmTrafficBatchInput } from '#vorch/contracts';
import { FrameHeaders, lookupEnd, readEthernet, VmTrafficTally, type AddressIndex, type FlowRecord, type TrafficClass } from '#vorch/stats-domain';
import { DomainPairTally } from './domain-pair-tally.js';

/**
 * One interval's statistics as both modes produce them: per-VM per-class rows (stats-domain's tally) plus the
 * domain-to-domain cells, drained into the batch shape switches publish and the collector projects.
 */
export class TrafficAccumulator {
  private readonly tally = new VmTrafficTally();
  private readonly pairs = new DomainPairTally();
  private readonly headers = new FrameHeaders();
  private seenFrameFlows = new Set<string>();
  private intervalStartMs = Date.now();
  /** Records (flows or frames) added since the last drain. */
  pending = 0;

  addFlow(index: AddressIndex, flow: FlowRecord): TrafficClass {
    this.pending++;
    const cls = this.tally.addFlow(index, flow);
    const rate = flow.samplingRate;
    this.pairs.add(
      lookupEnd(index, flow.srcIp, flow.srcMac),
      lookupEnd(index, flow.dstIp, flow.dstMac),
      (flow.bytes + flow.reverseBytes) * rate,
      (flow.packets + flow.reversePackets) * rate,
      1,
    );
    return cls;
  }

  addFrame(index: AddressIndex, frame: Uint8Array): TrafficClass | undefined {
    const cls = this.tally.addFrame(index, frame);
    if (cls === undefined) return undefined;
    this.pending++;
    const h = this.headers;
    readEthernet(frame, 0, frame.length, h);
    const ip = h.ipVersion !== 0;
    // The same flow key the tally uses, so the matrix and the VM rows agree on the flow count.
    const key = ip ? `${h.srcIp}|${h.dstIp}|${h.protocol}|${h.srcPort}|${h.dstPort}` : `${h.srcMac}|${h.dstMac}|${h.etherType}`;
    const isNew = !this.seenFrameFlows.has(key);
    if (isNew) this.seenFrameFlows.add(key);
    this.pairs.add(lookupEnd(index, ip ? h.srcIp : '', h.srcMac), lookupEnd(index, ip ? h.dstIp : '', h.dstMac), frame.length, 1, isNew ? 1 : 0);
    return cls;
  }

  /** The interval as a batch (undefined when nothing was counted) and a fresh interval. */
  drain(source: string, batchSeq: number, mapRevision: number): VmTrafficBatchInput | undefined {
    const unattributed = { ...this.tally.unattributed };
    const rows = this.tally.drain();
    const domainPairs = this.pairs.drain();
    const intervalStartMs = this.intervalStartMs;
    this.intervalStartMs = Date.now();
    this.seenFrameFlows = new Set();
    this.pending = 0;
    if (rows.length === 0 && domainPairs.length === 0) return undefined;
    return {
      source,
      batchSeq,
      intervalStartMs,
      mapRevision,
      rows: rows.map((r) => ({ ...r })),
      domainPairs,
      unattributedBytes: unattributed.bytes,
      unattributedPackets: unattributed.packets,
      unattributedFlows: unattributed.flows,
    };
  }
}
