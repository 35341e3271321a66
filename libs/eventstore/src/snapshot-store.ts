import type { KV } from '@nats-io/kv';
import { createLogger } from '#vorch/telemetry';
import type { SnapshotRecord } from './snapshot-record.js';
import { chunkKey, CHUNK_BYTES, isChunkedHead, joinChunks, sha256Of, splitIntoChunks, type ChunkedHead } from './snapshot-chunks.js';

const log = createLogger('eventstore');
const enc = new TextEncoder();
const dec = new TextDecoder();
/** Stay under the server's default 1 MB max_payload in one value; a bigger record goes in chunks. */
const MAX_INLINE_BYTES = 900_000;
/** Past this, loading the snapshot would cost more memory than a replay is worth guarding against: replay instead. */
const MAX_SNAPSHOT_BYTES = 64 * 1024 * 1024;

export interface StoredSnapshot {
  record: SnapshotRecord;
  revision: number;
}

/** What a read saw of the head key: what a later write of the same aggregate compares against. */
export interface SnapshotRead {
  snapshot: StoredSnapshot | null;
  /** 0 = no head entry at all. */
  revision: number;
  /** The chunk slot the head points at, when it is chunked: the next chunked write uses the other one. */
  slot?: 0 | 1;
}

/**
 * Snapshots are an optimisation, never the truth: a snapshot that cannot be read or written is logged and the
 * aggregate is replayed instead. Writes are compare-and-set on the revision read at load time, so a slow
 * writer never replaces a snapshot someone else wrote after it looked. A record over one message's worth is
 * written in chunks first, then a small head naming them (with their hash) is compare-and-set.
 */
export class SnapshotStore {
  constructor(private readonly kv: KV) {}

  async read(key: string): Promise<SnapshotRead> {
    const entry = await this.kv.get(key);
    if (!entry || entry.operation !== 'PUT') return { snapshot: null, revision: entry?.revision ?? 0 };
    try {
      const value = JSON.parse(dec.decode(entry.value)) as SnapshotRecord | ChunkedHead;
      if (!isChunkedHead(value)) return { snapshot: { record: value, revision: entry.revision }, revision: entry.revision };
      const data = await this.readChunks(key, value);
      if (!data) {
        log.warn({ key, chunks: value.chunked.count }, 'snapshot chunks missing or not matching their head; the aggregate will be replayed');
        return { snapshot: null, revision: entry.revision, slot: value.chunked.slot };
      }
      return { snapshot: { record: JSON.parse(dec.decode(data)) as SnapshotRecord, revision: entry.revision }, revision: entry.revision, slot: value.chunked.slot };
    } catch (err) {
      log.warn({ err, key }, 'unreadable snapshot ignored');
      return { snapshot: null, revision: entry.revision };
    }
  }

  /** Returns true when written; false when someone else wrote first, it was too big, or the write failed. */
  async write(key: string, record: SnapshotRecord, seen: Pick<SnapshotRead, 'revision' | 'slot'>): Promise<boolean> {
    const data = enc.encode(JSON.stringify(record));
    if (data.length > MAX_SNAPSHOT_BYTES) {
      log.warn({ key, bytes: data.length }, 'snapshot too large; the aggregate will be replayed');
      return false;
    }
    try {
      if (data.length <= MAX_INLINE_BYTES) return await this.putHead(key, data, seen.revision);
      return await this.writeChunked(key, data, seen);
    } catch (err) {
      log.warn({ err, key }, 'snapshot write failed');
      return false;
    }
  }

  private async writeChunked(key: string, data: Uint8Array, seen: Pick<SnapshotRead, 'revision' | 'slot'>): Promise<boolean> {
    const slot: 0 | 1 = seen.slot === 0 ? 1 : 0;
    const chunks = splitIntoChunks(data, CHUNK_BYTES);
    // 1. the chunks, into the slot the current head does not use; 2. the head, compare-and-set
    await Promise.all(chunks.map((chunk, i) => this.kv.put(chunkKey(key, slot, i), chunk)));
    const head: ChunkedHead = { chunked: { slot, count: chunks.length, bytes: data.length, sha256: sha256Of(data) } };
    const written = await this.putHead(key, enc.encode(JSON.stringify(head)), seen.revision);
    // 3. chunks past the new count, left by an earlier, bigger snapshot in this slot
    if (written) await this.purgeFrom(key, slot, chunks.length);
    return written;
  }

  private async putHead(key: string, data: Uint8Array, knownRevision: number): Promise<boolean> {
    try {
      if (knownRevision > 0) await this.kv.update(key, data, knownRevision);
      else await this.kv.create(key, data);
      return true;
    } catch (err) {
      // A concurrent loader won the compare-and-set: its snapshot is at least as new as the one we read.
      if (/wrong last sequence|key exists/i.test((err as Error).message)) return false;
      throw err;
    }
  }

  private async readChunks(key: string, head: ChunkedHead): Promise<Uint8Array | undefined> {
    const { slot, count } = head.chunked;
    const entries = await Promise.all(Array.from({ length: count }, (_, i) => this.kv.get(chunkKey(key, slot, i))));
    return joinChunks(head, entries.map((e) => (e && e.operation === 'PUT' ? e.value : undefined)));
  }

  private async purgeFrom(key: string, slot: 0 | 1, from: number): Promise<void> {
    for (let i = from; ; i++) {
      const stale = await this.kv.get(chunkKey(key, slot, i));
      if (!stale || stale.operation !== 'PUT') return;
      await this.kv.purge(chunkKey(key, slot, i));
    }
  }
}
