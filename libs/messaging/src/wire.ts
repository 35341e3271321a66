import type { ErrorReply } from '#vorch/contracts';

/** A request/reply answer on the bus: exactly one of `ok` or `error`. */
export type Reply<T> = { ok: T } | { error: ErrorReply };

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeJson(v: unknown): Uint8Array {
  return enc.encode(JSON.stringify(v));
}

export function decodeJson<T = unknown>(data: Uint8Array): T {
  return JSON.parse(dec.decode(data)) as T;
}
