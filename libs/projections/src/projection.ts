import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventEnvelope, UpcasterRegistry } from '#vorch/contracts';

/** Where an event sits in its stream; every event of one commit shares the commit's sequence. */
export interface StreamPosition {
  seq: number;
}

export interface PositionedEvent {
  event: EventEnvelope;
  position: StreamPosition;
}

/** A read model fed from one event stream. The runner owns delivery, transactions and checkpoints. */
export interface Projection {
  /** Durable consumer name and checkpoint key: letters, digits, `_` and `-` only. */
  name: string;
  stream: string;
  /** One subject filter, wildcards allowed (nats-server 2.9 accepts a single filter per consumer). */
  filterSubject: string;
  /** Idempotent DDL for the read model (CREATE TABLE IF NOT EXISTS …). */
  setup(db: EntityManager): Promise<void>;
  /** Runs inside the batch transaction; throwing rolls the whole batch back. */
  apply(event: EventEnvelope, db: EntityManager, position: StreamPosition): Promise<void>;
  /**
   * Optional fast path: applies a whole batch at once (one multi-row INSERT instead of a round trip per event), in
   * the batch transaction, events in stream order. If it throws, the runner retries the batch one message at a time
   * to find the failing event, so it must give the same result as calling apply() per event.
   */
  applyBatch?(events: ReadonlyArray<PositionedEvent>, db: EntityManager): Promise<void>;
  /** Empties the read model before a rebuild; runs in the same transaction that resets the checkpoint. */
  reset(db: EntityManager): Promise<void>;
}

export interface RebuildProgress {
  /** Stream messages (commits) applied since the rebuild started. */
  applied: number;
  /** Stream messages matching the filter when the rebuild started. */
  total: number;
}

export interface BatchCommitted {
  /** Stream sequences of the messages this batch committed (already-applied redeliveries excluded). */
  seqs: number[];
  checkpoint: number;
}

export interface ProjectionRunnerOptions {
  nc: NatsConnection;
  db: DataSource;
  projection: Projection;
  /** Most messages applied in one transaction (default 200). */
  batchSize?: number;
  upcasters?: UpcasterRegistry;
  /** Attempts at a failing event before it is recorded in projection_failures and the projection stops (default 5). */
  maxAttempts?: number;
  /** Delay before the first retry of a failing event; doubles per attempt up to 30 s (default 500 ms). */
  retryDelayMs?: number;
  /** How often the lag gauges are refreshed (default 1000 ms). */
  lagIntervalMs?: number;
  /** Called after each batch transaction commits (benchmarks, tracing). */
  onBatchCommitted?: (batch: BatchCommitted) => void;
}
