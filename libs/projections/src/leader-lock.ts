import type { DataSource, QueryRunner } from 'typeorm';

// First key of the two-key advisory lock space reserved for projection leadership.
const LEADER_LOCK_SPACE = 7406_1102;

/**
 * At most one runner per projection applies events; other replicas stand by. A PostgreSQL session advisory lock
 * is held on a dedicated connection, so a crashed leader (process killed, connection gone) frees it by itself.
 */
export class LeaderLock {
  private holder: QueryRunner | undefined;

  constructor(
    private readonly db: DataSource,
    private readonly name: string,
  ) {}

  get held(): boolean {
    return this.holder !== undefined;
  }

  /** True when this runner is (or just became) the leader. */
  async acquire(): Promise<boolean> {
    if (this.holder) return true;
    const qr = this.db.createQueryRunner();
    await qr.connect();
    try {
      const rows = (await qr.query('select pg_try_advisory_lock($1, hashtext($2)) as ok', [LEADER_LOCK_SPACE, this.name])) as Array<{ ok: boolean }>;
      if (rows[0]?.ok) {
        this.holder = qr;
        return true;
      }
    } catch (err) {
      await qr.release();
      throw err;
    }
    await qr.release();
    return false;
  }

  async release(): Promise<void> {
    const qr = this.holder;
    this.holder = undefined;
    if (!qr) return;
    // The connection goes back to the pool, so the lock must be dropped explicitly rather than with the connection.
    await qr.query('select pg_advisory_unlock($1, hashtext($2))', [LEADER_LOCK_SPACE, this.name]).catch(() => {});
    await qr.release();
  }
}
