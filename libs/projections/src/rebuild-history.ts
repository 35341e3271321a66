import type { DataSource } from 'typeorm';
import type { RebuildOutcomeView } from '#vorch/contracts';
import { isUndefinedTable } from './checkpoint-store.js';

/**
 * Every rebuild's outcome, in `projection_rebuilds` (created with the runner's tables): what an operator sees as the
 * last rebuild survives a restart and reads the same from every replica, whichever one ran it.
 */
export class RebuildHistory {
  constructor(
    private readonly db: DataSource,
    private readonly name: string,
  ) {}

  async record(o: RebuildOutcomeView, replica: string): Promise<void> {
    await this.db.query(
      `insert into projection_rebuilds (projection, replica, outcome, applied, total, started_at, finished_at, error_code, error_message)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [this.name, replica, o.outcome, o.applied, o.total, o.startedAt, o.finishedAt, o.error?.code ?? null, o.error?.message ?? null],
    );
  }

  /** The most recent outcome; none before the first rebuild (or before the runner's first start made the table). */
  async last(): Promise<RebuildOutcomeView | undefined> {
    let rows: Array<{ outcome: 'completed' | 'failed'; applied: string; total: string | null; started_at: Date; finished_at: Date; error_code: string | null; error_message: string | null }>;
    try {
      rows = await this.db.query(
        `select outcome, applied, total, started_at, finished_at, error_code, error_message from projection_rebuilds
          where projection = $1 order by finished_at desc, id desc limit 1`,
        [this.name],
      );
    } catch (err) {
      if (isUndefinedTable(err)) return undefined;
      throw err;
    }
    const r = rows[0];
    if (!r) return undefined;
    const view: RebuildOutcomeView = {
      outcome: r.outcome,
      applied: Number(r.applied),
      total: r.total === null ? null : Number(r.total),
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at.toISOString(),
    };
    if (r.error_code !== null) view.error = { code: r.error_code, message: r.error_message ?? '' };
    return view;
  }
}
