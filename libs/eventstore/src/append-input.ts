import type { CommandMeta, EventEnvelope } from '#vorch/contracts';

export interface NewEvent {
  type: string;
  data: unknown;
  /** Defaults to the current version the upcaster registry knows for the type (1 without upcasters). */
  schemaVersion?: number;
}

export interface AppendInput {
  aggregateType: string;
  aggregateId: string;
  /** Stream sequence of the aggregate's last commit as loaded (0 = the aggregate must not exist yet). */
  expectedSeq: number;
  /** Aggregate version as loaded (0 for new): new events get version + 1, + 2, … */
  expectedVersion: number;
  /** commandId becomes the Nats-Msg-Id; tenantId/correlationId/causationId are copied into each envelope. */
  meta: CommandMeta;
  /** At least one; they travel together in one JetStream message (a Commit). */
  events: NewEvent[];
  /**
   * Extra NATS headers for the commit message. Headers nats-server 2.9 would silently ignore, and the
   * headers the store sets itself, are refused before anything is published (see header-guard.ts).
   */
  headers?: Record<string, string>;
}

export interface AppendResult {
  /** Stream sequence of the commit: the expectedSeq of the next append. */
  seq: number;
  /** Aggregate version after the commit. */
  version: number;
  /** True when the server had this command's commit already; `events` are then the ones stored first. */
  duplicate: boolean;
  events: EventEnvelope[];
}
