import type { EntityManager } from 'typeorm';
import { STATS_RESOLUTIONS, type EventEnvelope, type StatsSubjects, type VmTrafficBatchInput } from '#vorch/contracts';
import type { PositionedEvent, Projection } from '#vorch/projections';
import { VM_TRAFFIC_COUNTED } from '../counters/counter-commit.js';
import { bucketStart } from './stats-resolutions.js';

interface Cell {
  keys: (string | number)[];
  bytes: number;
  packets: number;
  flows: number;
}

/**
 * The statistics read model: per VM and class, per domain pair, and unattributed traffic, in 10 s buckets rolled
 * up into 1 min and 1 h as they arrive. Upserts add to what is there; the runner's checkpoint (same transaction)
 * is what makes a redelivered batch count once. A batch of messages becomes one statement per table.
 */
export class TrafficStatsProjection implements Projection {
  readonly name = 'stats_traffic';
  readonly stream: string;
  readonly filterSubject: string;

  constructor(subjects: StatsSubjects) {
    this.stream = subjects.counters.stream;
    this.filterSubject = `${subjects.counters.subjectPrefix}.>`;
  }

  async setup(db: EntityManager): Promise<void> {
    await db.query(`
      create table if not exists stats_vm_traffic (
        resolution text not null, bucket_start timestamptz not null, vm_id text not null, traffic_class text not null,
        tenant_id text not null, host_id text not null, domain_id text not null,
        bytes double precision not null, packets double precision not null, flows double precision not null,
        primary key (resolution, vm_id, bucket_start, traffic_class));
      create index if not exists stats_vm_traffic_tenant on stats_vm_traffic (tenant_id, resolution, bucket_start);
      create table if not exists stats_domain_traffic (
        resolution text not null, bucket_start timestamptz not null, src_domain_id text not null, dst_domain_id text not null,
        bytes double precision not null, packets double precision not null, flows double precision not null,
        primary key (resolution, bucket_start, src_domain_id, dst_domain_id));
      create table if not exists stats_unattributed_traffic (
        resolution text not null, bucket_start timestamptz not null,
        bytes double precision not null, packets double precision not null, flows double precision not null,
        primary key (resolution, bucket_start));
    `);
  }

  async reset(db: EntityManager): Promise<void> {
    await db.query('truncate stats_vm_traffic, stats_domain_traffic, stats_unattributed_traffic');
  }

  apply(event: EventEnvelope, db: EntityManager): Promise<void> {
    return this.applyBatch([{ event, position: { seq: 0 } }], db);
  }

  async applyBatch(events: ReadonlyArray<PositionedEvent>, db: EntityManager): Promise<void> {
    // 1. add the batch up in memory: many switches report the same VM/class/bucket
    const vm = new Map<string, Cell>();
    const domains = new Map<string, Cell>();
    const unattributed = new Map<string, Cell>();
    // Only the key columns (the first four, or two) identify a cell; attributes after them take the latest value.
    const add = (m: Map<string, Cell>, keys: (string | number)[], bytes: number, packets: number, flows: number) => {
      const k = keys.slice(0, 4).join('\u0000');
      const c = m.get(k);
      if (c) {
        c.keys = keys;
        c.bytes += bytes;
        c.packets += packets;
        c.flows += flows;
      } else m.set(k, { keys, bytes, packets, flows });
    };
    for (const { event } of events) {
      if (event.type !== VM_TRAFFIC_COUNTED) continue;
      const b = event.data as VmTrafficBatchInput;
      for (const res of STATS_RESOLUTIONS) {
        const start = bucketStart(b.intervalStartMs, res);
        for (const r of b.rows) add(vm, [res, start, r.vmId, r.trafficClass, r.tenantId, r.hostId, r.domainId], r.bytes, r.packets, r.flows);
        for (const p of b.domainPairs) add(domains, [res, start, p.srcDomainId, p.dstDomainId], p.bytes, p.packets, p.flows);
        if (b.unattributedPackets > 0 || b.unattributedFlows > 0) add(unattributed, [res, start], b.unattributedBytes, b.unattributedPackets, b.unattributedFlows);
      }
    }
    // 2. one additive upsert per table
    await upsert(db, 'stats_vm_traffic', ['resolution', 'bucket_start', 'vm_id', 'traffic_class', 'tenant_id', 'host_id', 'domain_id'], 4, vm);
    await upsert(db, 'stats_domain_traffic', ['resolution', 'bucket_start', 'src_domain_id', 'dst_domain_id'], 4, domains);
    await upsert(db, 'stats_unattributed_traffic', ['resolution', 'bucket_start'], 2, unattributed);
  }
}

/** Columns after the first `keyCount` are attributes: the latest batch's value wins (a VM that moved host). */
async function upsert(db: EntityManager, table: string, columns: string[], keyCount: number, cells: Map<string, Cell>): Promise<void> {
  if (cells.size === 0) return;
  const rows = [...cells.values()];
  const params = columns.map((_, i) => rows.map((r) => (i === 1 ? new Date(r.keys[i] as number).toISOString() : r.keys[i])));
  params.push(rows.map((r) => r.bytes), rows.map((r) => r.packets), rows.map((r) => r.flows));
  const types = columns.map((c) => (c === 'bucket_start' ? 'timestamptz[]' : 'text[]'));
  const unnest = [...types, 'float8[]', 'float8[]', 'float8[]'].map((t, i) => `$${i + 1}::${t}`).join(', ');
  const attributes = columns.slice(keyCount).map((c) => `${c} = excluded.${c}`);
  await db.query(
    `insert into ${table} (${columns.join(', ')}, bytes, packets, flows)
     select * from unnest(${unnest})
     on conflict (${columns.slice(0, keyCount).join(', ')}) do update set
       bytes = ${table}.bytes + excluded.bytes, packets = ${table}.packets + excluded.packets, flows = ${table}.flows + excluded.flows
       ${attributes.map((a) => `, ${a}`).join('')}`,
    params,
  );
}
