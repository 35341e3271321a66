import type { KV } from '@nats-io/kv';
import { createLogger } from '#vorch/telemetry';
import type { SnapshotRecord } from './snapshot-record.js';

const log = createLogger('eventstore');
const enc = new TextEncoder();
const dec = new TextDecoder();
/** Stay under the server's default 1 MB max_payload; a bigger state is simply replayed. */
const MAX_SNAPSHOT_BYTES = 900_000;

export interface StoredSnapshot {
  record: SnapshotRecord;
  revision: number;
}

/**
 * Snapshots are an optimisation, never the truth: a snapshot that cannot be read or written is logged and the
 * aggregate is replayed instead. Writes are compare-and-set on the revision read at load time, so a slow
 * writer never replaces a snapshot someone else wrote after it looked.
 */
export class SnapshotStore {
  constructor(private readonly kv: KV) {}

  /** revision 0 = no snapshot entry at all. */
  async read(key: string): Promise<{ snapshot: StoredSnapshot | null; revision: number }> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return { snapshot: null, revision: entry?.revision ?? 0 };
    try {
      const record = JSON.parse(dec.decode(entry.value)) as SnapshotRecord;
      return { snapshot: { record, revision: entry.revision }, revision: entry.revision };
    } catch (err) {
      log.warn({ err, key }, 'unreadable snapshot ignored');
      return { snapshot: null, revision: entry.revision };
    }
  }

  /** Returns true when written; false when someone else wrote first, it was too big, or the write failed. */
  async write(key: string, record: SnapshotRecord, knownRevision: number): Promise<boolean> {
    const data = enc.encode(JSON.stringify(record));
    if (data.length > MAX_SNAPSHOT_BYTES) {
      log.warn({ key, bytes: data.length }, 'snapshot too large; the aggregate will be replayed');
      return false;
    }
    try {
      if (knownRevision > 0) await this.kv.update(key, data, knownRevision);
      else await this.kv.create(key, data);
      return true;
    } catch (err) {
      // A concurrent loader won the compare-and-set: its snapshot is at least as new as the one we read.
      if (/wrong last sequence|key exists/i.test((err as Error).message)) return false;
      log.warn({ err, key }, 'snapshot write failed');
      return false;
    }
  }
}
