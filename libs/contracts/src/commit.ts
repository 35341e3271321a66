import type { EventEnvelope } from './envelope.js';

/**
 * What one JetStream message in an event stream holds: every event one command decided, appended atomically
 * (nats-server 2.9 has no atomic batch publish, so a command's events travel together in one message).
 * Subject: `<subjectPrefix>.<aggregateType>.<aggregateId>`, e.g. `evt.interop.resource.01J…`.
 */
export interface Commit {
  commandId: string;
  events: EventEnvelope[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function encodeCommit(commit: Commit): Uint8Array {
  return enc.encode(JSON.stringify(commit));
}

export function decodeCommit(data: Uint8Array): Commit {
  const c = JSON.parse(dec.decode(data)) as Commit;
  if (typeof c?.commandId !== 'string' || !Array.isArray(c.events)) throw new Error('not a Vorch commit');
  return c;
}
