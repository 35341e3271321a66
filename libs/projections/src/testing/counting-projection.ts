import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#vorch/contracts';
import type { Projection, StreamPosition } from '../projection.js';

/**
 * A read model for tests: per aggregate, how many `Counted` events it saw and the sum of their amounts. Applying an
 * event twice or losing one changes both numbers, so comparing it with the published events proves exactly-once.
 */
export class CountingProjection implements Projection {
  readonly table: string;
  /** Tests set this to make apply throw (a poison event, a bug later fixed). */
  failWhen: ((event: EventEnvelope, position: StreamPosition) => boolean) | undefined;
  /** Tests set this to hold apply (and so the batch transaction) until the promise settles. */
  gate: Promise<void> | undefined;
  /** apply calls, committed or not. */
  calls = 0;

  constructor(
    readonly name: string,
    readonly stream: string,
    readonly filterSubject: string,
  ) {
    this.table = `${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_counts`;
  }

  async setup(db: EntityManager): Promise<void> {
    await db.query(`create table if not exists ${this.table} (aggregate_id text primary key, events int not null, total bigint not null)`);
  }

  async apply(event: EventEnvelope, db: EntityManager, position: StreamPosition): Promise<void> {
    this.calls++;
    if (this.gate) await this.gate;
    if (this.failWhen?.(event, position)) throw new Error(`refusing ${event.type} at ${position.seq}`);
    if (event.type !== 'Counted') return;
    const amount = (event.data as { amount: number }).amount;
    await db.query(
      `insert into ${this.table} (aggregate_id, events, total) values ($1, 1, $2)
       on conflict (aggregate_id) do update set events = ${this.table}.events + 1, total = ${this.table}.total + excluded.total`,
      [event.aggregateId, amount],
    );
  }

  async reset(db: EntityManager): Promise<void> {
    await db.query(`truncate ${this.table}`);
  }

  async rows(db: { query(sql: string): Promise<unknown> }): Promise<Array<{ aggregate_id: string; events: number; total: number }>> {
    const rows = (await db.query(`select aggregate_id, events, total from ${this.table} order by aggregate_id`)) as Array<{
      aggregate_id: string;
      events: number;
      total: string;
    }>;
    return rows.map((r) => ({ aggregate_id: r.aggregate_id, events: r.events, total: Number(r.total) }));
  }
}
