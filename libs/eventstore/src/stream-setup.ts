import { JetStreamApiError, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { streamReplicas } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';
import { DEFAULT_DUPLICATE_WINDOW_MS, type EventStoreConfig } from './event-store.config.js';

const log = createLogger('eventstore');
const STREAM_NAME_IN_USE = 10058;
const nanos = (ms: number) => ms * 1_000_000;

function wantedStream(cfg: EventStoreConfig): Partial<StreamConfig> & { name: string } {
  return {
    name: cfg.stream,
    subjects: [`${cfg.subjectPrefix}.>`],
    storage: StorageType.File,
    num_replicas: cfg.replicas ?? streamReplicas(),
    retention: RetentionPolicy.Limits,
    allow_direct: true,
    duplicate_window: nanos(cfg.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    // Events are the source of truth: no age, count or size limit may ever drop one.
    max_age: 0,
    max_msgs: -1,
    max_bytes: -1,
    max_msgs_per_subject: -1,
  };
}

/**
 * Creates the stream, or brings an existing one to the settings the store relies on. Several replicas may open
 * the same store at once: losing the creation race is fine, the winner made the same stream.
 */
export async function ensureEventStream(jsm: JetStreamManager, cfg: EventStoreConfig): Promise<void> {
  const wanted = wantedStream(cfg);
  const existing = await jsm.streams.info(cfg.stream).catch((err: unknown) => {
    if (err instanceof JetStreamApiError && err.code === 10059) return null;
    throw err;
  });
  if (!existing) {
    try {
      await jsm.streams.add(wanted);
      return;
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === STREAM_NAME_IN_USE)) throw err;
      return ensureEventStream(jsm, cfg);
    }
  }
  const c = existing.config;
  if (c.storage !== StorageType.File) log.warn({ stream: cfg.stream }, 'event stream is not on file storage; it cannot be changed in place');
  if (c.num_replicas !== wanted.num_replicas) {
    log.warn({ stream: cfg.stream, replicas: c.num_replicas, wanted: wanted.num_replicas }, 'event stream has another replica count than configured; change it with `nats stream edit`');
  }
  const subjectsMissing = !wanted.subjects!.every((s) => c.subjects?.includes(s));
  if (subjectsMissing || c.allow_direct !== true || c.duplicate_window !== wanted.duplicate_window) {
    await jsm.streams.update(cfg.stream, {
      subjects: [...new Set([...(c.subjects ?? []), ...wanted.subjects!])],
      allow_direct: true,
      duplicate_window: wanted.duplicate_window,
    });
  }
}

/** Opens (creating when missing) the snapshot bucket; one value per aggregate, file storage like the stream. */
export async function openSnapshotBucket(js: JetStreamClient, bucket: string, replicas = streamReplicas()): Promise<KV> {
  return new Kvm(js).create(bucket, { history: 1, storage: StorageType.File, allow_direct: true, replicas });
}
