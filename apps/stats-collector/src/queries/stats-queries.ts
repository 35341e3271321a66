import type { DataSource } from 'typeorm';
import {
  STATS_TRAFFIC_CLASSES,
  type DomainMatrixInput,
  type DomainMatrixView,
  type StatsRangeInput,
  type StatsResolution,
  type StatsTrafficClass,
  type TenantTrafficInput,
  type TenantTrafficView,
  type TopTalkersInput,
  type TopTalkersView,
  type TrafficTotals,
  type VmBreakdownInput,
  type VmBreakdownView,
} from '#vorch/contracts';
import { RESOLUTION_MS, resolutionFor } from '../projections/stats-resolutions.js';

interface Range {
  from: Date;
  to: Date;
  resolution: StatsResolution;
  /** Buckets that overlap [from, to): those starting after from minus one bucket width. */
  firstBucket: Date;
}

function rangeOf(input: StatsRangeInput): Range {
  const to = input.to ? new Date(input.to) : new Date();
  const from = input.from ? new Date(input.from) : new Date(to.getTime() - 3_600_000);
  const resolution = input.resolution ?? resolutionFor(from.getTime(), to.getTime());
  return { from, to, resolution, firstBucket: new Date(from.getTime() - RESOLUTION_MS[resolution] + 1) };
}

const num = (v: unknown) => Number(v ?? 0);

interface ClassRow {
  traffic_class: StatsTrafficClass;
  bytes: unknown;
  packets: unknown;
  flows: unknown;
}

interface BucketRow extends ClassRow {
  bucket_start: Date;
}

/** Every class, zero where a row adds nothing. */
function classTotals(rows: readonly ClassRow[]): Record<StatsTrafficClass, TrafficTotals> {
  const classes = Object.fromEntries(STATS_TRAFFIC_CLASSES.map((c) => [c, { bytes: 0, packets: 0, flows: 0 }])) as Record<StatsTrafficClass, TrafficTotals>;
  for (const row of rows) {
    const t = classes[row.traffic_class];
    t.bytes += num(row.bytes);
    t.packets += num(row.packets);
    t.flows += num(row.flows);
  }
  return classes;
}

const bucketView = (row: BucketRow) => ({
  start: new Date(row.bucket_start).toISOString(),
  trafficClass: row.traffic_class,
  bytes: num(row.bytes),
  packets: num(row.packets),
  flows: num(row.flows),
});

/** Read side of the statistics model. Every VM query is scoped to the caller's tenant. */
export class StatsQueries {
  constructor(private readonly db: DataSource) {}

  async vmBreakdown(tenantId: string, input: VmBreakdownInput): Promise<VmBreakdownView> {
    const r = rangeOf(input);
    const rows: BucketRow[] = await this.db.query(
      `select bucket_start, traffic_class, bytes, packets, flows from stats_vm_traffic
       where resolution = $1 and vm_id = $2 and tenant_id = $3 and bucket_start >= $4 and bucket_start < $5
       order by bucket_start, traffic_class`,
      [r.resolution, input.vmId, tenantId, r.firstBucket, r.to],
    );
    return { vmId: input.vmId, from: r.from.toISOString(), to: r.to.toISOString(), resolution: r.resolution, classes: classTotals(rows), buckets: rows.map(bucketView) };
  }

  /** The sum of the tenant's VMs: per bucket and class, then per domain and class, and how many VMs had traffic. */
  async tenantTraffic(tenantId: string, input: TenantTrafficInput): Promise<TenantTrafficView> {
    const r = rangeOf(input);
    const where = `tenant_id = $1 and resolution = $2 and bucket_start >= $3 and bucket_start < $4`;
    const args = [tenantId, r.resolution, r.firstBucket, r.to];
    const [buckets, byDomain, [count]]: [BucketRow[], (ClassRow & { domain_id: string })[], { vms: unknown }[]] = await Promise.all([
      this.db.query(
        `select bucket_start, traffic_class, sum(bytes) as bytes, sum(packets) as packets, sum(flows) as flows from stats_vm_traffic
         where ${where} group by bucket_start, traffic_class order by bucket_start, traffic_class`,
        args,
      ),
      this.db.query(
        `select domain_id, traffic_class, sum(bytes) as bytes, sum(packets) as packets, sum(flows) as flows from stats_vm_traffic
         where ${where} group by domain_id, traffic_class`,
        args,
      ),
      this.db.query(`select count(distinct vm_id) as vms from stats_vm_traffic where ${where}`, args),
    ]);
    const domainIds = [...new Set(byDomain.map((row) => row.domain_id))];
    const domains = domainIds
      .map((domainId) => {
        const classes = classTotals(byDomain.filter((row) => row.domain_id === domainId));
        const all = Object.values(classes);
        return { domainId, bytes: sum(all, 'bytes'), packets: sum(all, 'packets'), flows: sum(all, 'flows'), classes };
      })
      .sort((a, b) => b.bytes - a.bytes || a.domainId.localeCompare(b.domainId));
    return {
      tenantId,
      from: r.from.toISOString(),
      to: r.to.toISOString(),
      resolution: r.resolution,
      vms: num(count?.vms),
      classes: classTotals(buckets),
      domains,
      buckets: buckets.map(bucketView),
    };
  }

  async topTalkers(tenantId: string, input: TopTalkersInput): Promise<TopTalkersView> {
    const r = rangeOf(input);
    const rows: { vm_id: string; host_id: string; domain_id: string; bytes: number; packets: number; flows: number }[] = await this.db.query(
      `select vm_id, max(host_id) as host_id, max(domain_id) as domain_id, sum(bytes) as bytes, sum(packets) as packets, sum(flows) as flows
       from stats_vm_traffic
       where tenant_id = $1 and resolution = $2 and bucket_start >= $3 and bucket_start < $4 and ($5::text is null or traffic_class = $5)
       group by vm_id order by sum(bytes) desc, vm_id limit $6`,
      [tenantId, r.resolution, r.firstBucket, r.to, input.trafficClass ?? null, input.limit ?? 10],
    );
    return {
      from: r.from.toISOString(),
      to: r.to.toISOString(),
      items: rows.map((row) => ({ vmId: row.vm_id, hostId: row.host_id, domainId: row.domain_id, bytes: num(row.bytes), packets: num(row.packets), flows: num(row.flows) })),
    };
  }

  /** Infrastructure-wide (domains are shared by tenants): the gateway serves it to admins only. */
  async domainMatrix(input: DomainMatrixInput): Promise<DomainMatrixView> {
    const r = rangeOf(input);
    const rows: { src_domain_id: string; dst_domain_id: string; bytes: number; packets: number; flows: number }[] = await this.db.query(
      `select src_domain_id, dst_domain_id, sum(bytes) as bytes, sum(packets) as packets, sum(flows) as flows from stats_domain_traffic
       where resolution = $1 and bucket_start >= $2 and bucket_start < $3
       group by src_domain_id, dst_domain_id order by src_domain_id, dst_domain_id`,
      [r.resolution, r.firstBucket, r.to],
    );
    return {
      from: r.from.toISOString(),
      to: r.to.toISOString(),
      cells: rows.map((row) => ({ srcDomainId: row.src_domain_id, dstDomainId: row.dst_domain_id, bytes: num(row.bytes), packets: num(row.packets), flows: num(row.flows) })),
    };
  }
}

const sum = (totals: readonly TrafficTotals[], field: keyof TrafficTotals) => totals.reduce((acc, t) => acc + t[field], 0);
