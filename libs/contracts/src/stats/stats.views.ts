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

/**
 * A tenant's traffic: the sum of its VMs' (so a flow between two of its VMs counts once for each, as in each VM's
 * own breakdown), per class, per domain its VMs sat in, and per bucket.
 */
export interface TenantTrafficView {
  tenantId: string;
  from: string;
  to: string;
  resolution: StatsResolution;
  /** VMs of the tenant with traffic in the range. */
  vms: number;
  /** Every class is present, zero when the tenant had no such traffic. */
  classes: Record<StatsTrafficClass, TrafficTotals>;
  /** One item per domain, largest first; every class present in each. */
  domains: { domainId: string; bytes: number; packets: number; flows: number; classes: Record<StatsTrafficClass, TrafficTotals> }[];
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
