import { createHash } from 'node:crypto';

/** What the head key holds instead of the record when the record is written in chunks. */
export interface ChunkedHead {
  chunked: {
    /** Which of the aggregate's two chunk key sets holds the parts (the other may still hold the previous snapshot). */
    slot: 0 | 1;
    count: number;
    bytes: number;
    sha256: string;
  };
}

/** Below NATS's default 1 MB max_payload with room for headers. */
export const CHUNK_BYTES = 512 * 1024;

/**
 * A head key is always two tokens (`<aggregateType>.<aggregateId>`, neither may hold a dot); a chunk key is five,
 * so the two never meet. Two slots per aggregate, used in turn: a reader holding the previous head can still read
 * its chunks while a writer fills the other slot, and the keys an aggregate uses stay bounded however often it is
 * snapshotted.
 */
export const chunkKey = (headKey: string, slot: 0 | 1, index: number): string => `_chunks.${headKey}.s${slot}.${index}`;

export function isChunkedHead(value: unknown): value is ChunkedHead {
  const c = (value as Partial<ChunkedHead> | null)?.chunked;
  return !!c && (c.slot === 0 || c.slot === 1) && Number.isInteger(c.count) && c.count > 0 && typeof c.sha256 === 'string';
}

export function splitIntoChunks(data: Uint8Array, chunkBytes = CHUNK_BYTES): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += chunkBytes) chunks.push(data.subarray(at, Math.min(at + chunkBytes, data.length)));
  return chunks;
}

export const sha256Of = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * The record's bytes from its chunks, or undefined when they do not add up to what the head says: a chunk gone, or
 * overwritten by a writer that lost the race for the head (its head never landed, so its chunks must not be trusted).
 */
export function joinChunks(head: ChunkedHead, chunks: readonly (Uint8Array | undefined)[]): Uint8Array | undefined {
  if (chunks.length !== head.chunked.count || chunks.some((c) => c === undefined)) return undefined;
  const data = Buffer.concat(chunks as Uint8Array[]);
  if (data.length !== head.chunked.bytes || sha256Of(data) !== head.chunked.sha256) return undefined;
  return data;
}
