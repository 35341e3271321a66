import type { DataSource, EntityManager } from 'typeorm';

/**
 * The runner's own tables. The checkpoint row is written in the same transaction as the read-model rows it
 * covers, which is what makes a redelivered message harmless: its sequence is at or below the checkpoint.
 */
const DDL = [
  `create table if not exists projection_checkpoints (
     name text primary key,
     last_seq bigint not null default 0,
     updated_at timestamptz not null default now())`,
  `create table if not exists projection_failures (
     id bigserial primary key,
     projection text not null,
     seq bigint not null,
     subject text not null,
     error text not null,
     attempts int not null,
     failed_at timestamptz not null default now())`,
  `create index if not exists projection_failures_by_projection on projection_failures (projection, seq)`,
  `create table if not exists projection_rebuilds (
     id bigserial primary key,
     projection text not null,
     replica text not null,
     outcome text not null,
     applied bigint not null,
     total bigint,
     started_at timestamptz not null,
     finished_at timestamptz not null,
     error_code text,
     error_message text)`,
  `create index if not exists projection_rebuilds_by_projection on projection_rebuilds (projection, finished_at)`,
];

/** A read before the runner's first start created its tables (PostgreSQL's undefined_table). */
export function isUndefinedTable(err: unknown): boolean {
  return (err as { driverError?: { code?: string } }).driverError?.code === '42P01';
}

// Concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog; one advisory lock serialises set-up.
const SETUP_LOCK = 7406_1101;

export interface ProjectionFailure {
  projection: string;
  seq: number;
  subject: string;
  error: string;
  attempts: number;
  failedAt: Date;
}

export class CheckpointStore {
  constructor(
    private readonly db: DataSource,
    private readonly name: string,
  ) {}

  /** Creates the runner tables and the checkpoint row, then runs the projection's own set-up, in one transaction. */
  async setup(projectionSetup: (em: EntityManager) => Promise<void>): Promise<void> {
    await this.db.transaction(async (em) => {
      await em.query('select pg_advisory_xact_lock($1)', [SETUP_LOCK]);
      for (const ddl of DDL) await em.query(ddl);
      await em.query('insert into projection_checkpoints (name) values ($1) on conflict (name) do nothing', [this.name]);
      await projectionSetup(em);
    });
  }

  /** 0 until the projection has applied anything, including before its first start created the tables. */
  async read(em: EntityManager | DataSource = this.db): Promise<number> {
    try {
      const rows = (await em.query('select last_seq from projection_checkpoints where name = $1', [this.name])) as Array<{ last_seq: string }>;
      return rows.length ? Number(rows[0]!.last_seq) : 0;
    } catch (err) {
      if (isUndefinedTable(err)) return 0;
      throw err;
    }
  }

  /**
   * Reads the checkpoint and locks its row until the transaction ends: two runners of the same projection
   * (a replica that has not noticed it lost the leader lock) then apply batches one after the other, never twice.
   */
  async lockForBatch(em: EntityManager): Promise<number> {
    const rows = (await em.query('select last_seq from projection_checkpoints where name = $1 for update', [this.name])) as Array<{ last_seq: string }>;
    if (!rows.length) throw new Error(`checkpoint row of ${this.name} is missing; was setup() run?`);
    return Number(rows[0]!.last_seq);
  }

  async write(em: EntityManager, seq: number): Promise<void> {
    await em.query('update projection_checkpoints set last_seq = $2, updated_at = now() where name = $1', [this.name, seq]);
  }

  async recordFailure(f: Omit<ProjectionFailure, 'failedAt' | 'projection'>): Promise<void> {
    await this.db.query('insert into projection_failures (projection, seq, subject, error, attempts) values ($1, $2, $3, $4, $5)', [
      this.name,
      f.seq,
      f.subject,
      f.error,
      f.attempts,
    ]);
  }

  async failures(): Promise<ProjectionFailure[]> {
    const rows = (await this.db.query(
      'select projection, seq, subject, error, attempts, failed_at from projection_failures where projection = $1 order by id',
      [this.name],
    )) as Array<{ projection: string; seq: string; subject: string; error: string; attempts: number; failed_at: Date }>;
    return rows.map((r) => ({ projection: r.projection, seq: Number(r.seq), subject: r.subject, error: r.error, attempts: r.attempts, failedAt: r.failed_at }));
  }
}
