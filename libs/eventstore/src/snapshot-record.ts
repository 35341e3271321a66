import type { UpcasterRegistry } from '#vorch/contracts';

/** What the snapshot bucket holds per aggregate (JSON). */
export interface SnapshotRecord<S = unknown> {
  format: 1;
  /** The reducer's snapshotSchema when it was taken ('' when the reducer names none). */
  schema: string;
  /** For every event type folded into the state: the schema version readers upcast it to at the time. */
  eventSchemas: Record<string, number>;
  version: number;
  seq: number;
  state: S;
  /** Newest last; bounded by the store's rememberCommands. */
  handledCommands: string[];
  takenAt: string;
}

export type SnapshotVerdict = 'fresh' | 'stale';

/**
 * A snapshot is only as good as the fold that produced it. It is stale when the reducer's schema changed, or
 * when an event type it folded is now upcast to another version (evolve has moved on to the new shape).
 */
export function judgeSnapshot(record: SnapshotRecord, schema: string, upcasters: UpcasterRegistry | undefined): SnapshotVerdict {
  if (record.format !== 1 || record.schema !== schema) return 'stale';
  for (const [type, version] of Object.entries(record.eventSchemas)) {
    if ((upcasters?.currentVersion(type) ?? 1) !== version) return 'stale';
  }
  return 'fresh';
}
