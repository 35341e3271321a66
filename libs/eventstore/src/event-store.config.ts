import type { UpcasterRegistry } from '#vorch/contracts';

export interface EventStoreConfig {
  /** JetStream stream holding the commits, e.g. 'EVT_INTEROP'. */
  stream: string;
  /** Commits go to `${subjectPrefix}.${aggregateType}.${aggregateId}`, e.g. 'evt.interop'. */
  subjectPrefix: string;
  /** KV bucket for snapshots; omitted = no snapshots. */
  snapshotBucket?: string;
  /** Take a snapshot once a load has replayed this many events past the last one (default 100). */
  snapshotEvery?: number;
  /** Readers see the current schema of every event; a change here invalidates snapshots that folded the type. */
  upcasters?: UpcasterRegistry;
  /** Server-side Nats-Msg-Id window (default 2 minutes). Tests shrink it to reach "after the window". */
  duplicateWindowMs?: number;
  /** How many handled command ids a snapshot keeps per aggregate, newest first (default 10,000). */
  rememberCommands?: number;
  /** How long an append (PubAck) or a read (direct get, snapshot) waits before reporting the server unavailable (default 5 s). */
  requestTimeoutMs?: number;
  /** JetStream replicas of the stream and snapshot bucket when this call creates them (default VORCH_STREAM_REPLICAS, else 1). */
  replicas?: number;
}

export const DEFAULT_SNAPSHOT_EVERY = 100;
export const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
export const DEFAULT_REMEMBER_COMMANDS = 10_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
