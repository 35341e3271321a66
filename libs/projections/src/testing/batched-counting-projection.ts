import type { EntityManager } from 'typeorm';
import type { PositionedEvent } from '../projection.js';
import { CountingProjection } from './counting-projection.js';

/** The counting read model written through the applyBatch fast path: one upsert statement per batch. */
export class BatchedCountingProjection extends CountingProjection {
  async applyBatch(events: ReadonlyArray<PositionedEvent>, db: EntityManager): Promise<void> {
    const perAggregate = new Map<string, { events: number; total: number }>();
    for (const { event, position } of events) {
      this.calls++;
      if (this.failWhen?.(event, position)) throw new Error(`refusing ${event.type} at ${position.seq}`);
      if (event.type !== 'Counted') continue;
      const sum = perAggregate.get(event.aggregateId) ?? { events: 0, total: 0 };
      sum.events++;
      sum.total += (event.data as { amount: number }).amount;
      perAggregate.set(event.aggregateId, sum);
    }
    if (perAggregate.size === 0) return;
    const ids = [...perAggregate.keys()];
    await db.query(
      `insert into ${this.table} (aggregate_id, events, total)
       select * from unnest($1::text[], $2::int[], $3::bigint[])
       on conflict (aggregate_id) do update set events = ${this.table}.events + excluded.events, total = ${this.table}.total + excluded.total`,
      [ids, ids.map((id) => perAggregate.get(id)!.events), ids.map((id) => perAggregate.get(id)!.total)],
    );
  }
}
