import type { StatsTrafficClass } from './vm-traffic-batch.input.js';
import type { StatsResolution } from './stats-queries.input.js';

export interface TrafficTotals {
  bytes: number;
  packets: number;
  flows: number;
}

export interface VmBreakdownView {
  vmId: string;
  from: string;
  to: string;
  resolution: StatsResolution;
  /** Every class is present, zero when the VM had no such traffic. */
  classes: Record<StatsTrafficClass, TrafficTotals>;
  buckets: { start: string; trafficClass: StatsTrafficClass; bytes: number; packets: number; flows: number }[];
}

export interface TopTalkersView {
  from: string;
  to: string;
  items: { vmId: string; hostId: string; domainId: string; bytes: number; packets: number; flows: number }[];
}

export interface DomainMatrixView {
  from: string;
  to: string;
  cells: { srcDomainId: string; dstDomainId: string; bytes: number; packets: number; flows: number }[];
}

/** The datagram counters of the collector instance that answered. */
export interface DatagramCountersView {
  received: number;
  decoded: number;
  malformed: number;
  dropped: number;
  records: number;
  recordsByClass: Record<StatsTrafficClass, number>;
  /** Records counted but dropped before publishing (NATS unreachable for longer than the queue lasts). */
  recordsDropped: number;
  /** Records in the current, not yet published interval. */
  recordsPending: number;
  batchesPublished: number;
  batchesQueued: number;
}
