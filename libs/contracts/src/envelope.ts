import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** Every fact on the bus travels in this envelope (see docs/architecture.md). */
export interface EventEnvelope<T = unknown> {
  /** ULID, unique per event. */
  id: string;
  type: string;
  schemaVersion: number;
  aggregateId: string;
  aggregateType: string;
  /** Position of this event in its aggregate, starting at 1. */
  version: number;
  /** ISO-8601 time the event was decided. */
  occurredAt: string;
  tenantId: string;
  correlationId: string;
  causationId: string;
  data: T;
}

/** The metadata a command carries from the edge (gateway, saga, test) to the events it causes. */
export interface CommandMeta {
  /** Deterministic per intent: retries of the same intent reuse it, which is what makes commands idempotent. */
  commandId: string;
  tenantId: string;
  correlationId: string;
  /** The message that caused this command; the command id itself when it came from a person. */
  causationId?: string;
  /** Who asked (API key name, service name). */
  actor?: string;
}

export function newId(): string {
  return nextUlid();
}
