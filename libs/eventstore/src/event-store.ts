import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamClient, type JetStreamManager, type PubAck } from '@nats-io/jetstream';
import { decodeCommit, encodeCommit, InternalError, type Commit } from '#vorch/contracts';
import { injectTrace } from '#vorch/telemetry';
import { aggregateAddress } from './aggregate-address.js';
import { AggregateFold } from './aggregate-fold.js';
import type { AppendInput, AppendResult } from './append-input.js';
import { validateAppendInput } from './append-input.validation.js';
import { buildCommit, commitMsgId } from './commit-builder.js';
import { readCommits, type StoredCommit } from './commit-reader.js';
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_REMEMBER_COMMANDS,
  DEFAULT_SNAPSHOT_EVERY,
  type EventStoreConfig,
} from './event-store.config.js';
import { validateEventStoreConfig } from './event-store.config.validation.js';
import { appendSeconds, appendsTotal, loadSeconds, loadsTotal, replayedEventsTotal, snapshotsWrittenTotal } from './eventstore.metrics.js';
import { assertHeadersSupported } from './header-guard.js';
import { isWrongLastSequence, toAppendError, toReadError } from './nats-failure.js';
import type { LoadedAggregate, LoadStats, Reducer } from './reducer.js';
import { judgeSnapshot } from './snapshot-record.js';
import { SnapshotStore } from './snapshot-store.js';
import { ensureEventStream, openSnapshotBucket } from './stream-setup.js';

/**
 * Event-sourced aggregates on one JetStream stream: one message per commit on the aggregate's own subject,
 * optimistic concurrency through the per-subject sequence, idempotency through Nats-Msg-Id and the command ids the
 * aggregate remembers, and optional snapshots in a KV bucket. See docs/eventstore.md.
 */
export class EventStore {
  // Labelled metric children resolved once: label hashing on every append showed up in profiles.
  private readonly appended;

  private constructor(
    readonly config: EventStoreConfig,
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly snapshots: SnapshotStore | null,
  ) {
    this.appended = {
      committed: appendsTotal.labels({ stream: config.stream, outcome: 'committed' }),
      duplicate: appendsTotal.labels({ stream: config.stream, outcome: 'duplicate' }),
      seconds: appendSeconds.labels({ stream: config.stream }),
    };
  }

  /** Creates or updates the stream (and the snapshot bucket) idempotently; safe to call from every replica. */
  static async open(nc: NatsConnection, cfg: EventStoreConfig): Promise<EventStore> {
    validateEventStoreConfig(cfg);
    // One timeout for every request the store makes, so a dead server surfaces as UnavailableError just as fast on reads.
    const jsm = await jetstreamManager(nc, { timeout: cfg.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
    await ensureEventStream(jsm, cfg);
    const snapshots = cfg.snapshotBucket ? new SnapshotStore(await openSnapshotBucket(jsm.jetstream(), cfg.snapshotBucket, cfg.replicas)) : null;
    return new EventStore({ ...cfg }, jsm, jsm.jetstream(), snapshots);
  }

  /** Appends one commit; throws ConcurrencyError when the aggregate moved past expectedSeq. */
  async append(input: AppendInput): Promise<AppendResult> {
    const stream = this.config.stream;
    const address = aggregateAddress(this.config.subjectPrefix, input.aggregateType, input.aggregateId);
    validateAppendInput(input);
    const headers = natsHeaders();
    if (input.headers) {
      try {
        assertHeadersSupported(Object.keys(input.headers));
      } catch (err) {
        appendsTotal.inc({ stream, outcome: 'refused' });
        throw err;
      }
      for (const [k, v] of Object.entries(input.headers)) headers.set(k, v);
    }
    injectTrace((k, v) => headers.set(k, v));
    const commit = buildCommit(input, this.config.upcasters);
    const started = performance.now();
    let ack: PubAck;
    try {
      ack = await this.js.publish(address.subject, encodeCommit(commit), {
        msgID: commitMsgId(address.aggregateType, address.aggregateId, input.meta.commandId),
        expect: { lastSubjectSequence: input.expectedSeq },
        headers,
      });
    } catch (err) {
      const mapped = toAppendError(err, address.subject, input.expectedSeq);
      appendsTotal.inc({ stream, outcome: isWrongLastSequence(err) ? 'conflict' : mapped === err ? 'error' : 'unavailable' });
      throw mapped;
    }
    this.appended.seconds.observe((performance.now() - started) / 1000);
    if (ack.duplicate) {
      this.appended.duplicate.inc();
      // The server kept the first commit of this command: report what that one stored, not what we built now.
      const original = await this.commitAt(ack.seq, address.subject);
      return { seq: ack.seq, version: original.events.at(-1)?.version ?? input.expectedVersion, duplicate: true, events: original.events };
    }
    this.appended.committed.inc();
    return { seq: ack.seq, version: input.expectedVersion + commit.events.length, duplicate: false, events: commit.events };
  }

  /** Restores the latest fresh snapshot (if any), replays the commits after it, and snapshots again when due. */
  async load<S>(aggregateType: string, aggregateId: string, reducer: Reducer<S>): Promise<LoadedAggregate<S>> {
    const stream = this.config.stream;
    const started = performance.now();
    const address = aggregateAddress(this.config.subjectPrefix, aggregateType, aggregateId);
    const schema = reducer.snapshotSchema ?? '';
    const fold = new AggregateFold(address.subject, reducer, this.config.upcasters);
    const stats: LoadStats = { snapshot: 'off', snapshotVersion: 0, replayedCommits: 0, replayedEvents: 0, snapshotWritten: false };
    try {
      // 1. the snapshot and the aggregate's last sequence, in parallel
      const [read, lastSeq] = await Promise.all([this.snapshots?.read(address.snapshotKey), this.lastSeqOf(address.subject)]);
      // 2. restore the snapshot when it matches today's reducer and upcasters and the stream still reaches it
      if (read) {
        const record = read.snapshot?.record;
        if (!record) stats.snapshot = 'miss';
        else if (record.seq > lastSeq || judgeSnapshot(record, schema, this.config.upcasters) === 'stale') stats.snapshot = 'stale';
        else {
          fold.restore(record);
          stats.snapshot = 'hit';
          stats.snapshotVersion = record.version;
        }
      }
      // 3. replay what came after it
      if (lastSeq > fold.seq) {
        for await (const { seq, commit } of readCommits(this.js, this.jsm, stream, address.subject, fold.seq + 1, lastSeq)) {
          fold.apply(seq, commit);
        }
      }
      stats.replayedCommits = fold.replayedCommits;
      stats.replayedEvents = fold.replayedEvents;
      // 4. snapshot when enough events were replayed that the next load should not repeat the work
      if (read && this.snapshots && fold.replayedEvents >= (this.config.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY)) {
        const record = fold.toSnapshot(schema, this.config.rememberCommands ?? DEFAULT_REMEMBER_COMMANDS);
        stats.snapshotWritten = await this.snapshots.write(address.snapshotKey, record, read);
        if (stats.snapshotWritten) snapshotsWrittenTotal.inc({ stream });
      }
    } catch (err) {
      throw toReadError(err, address.subject);
    }
    loadsTotal.inc({ stream, snapshot: stats.snapshot });
    replayedEventsTotal.inc({ stream }, stats.replayedEvents);
    loadSeconds.observe({ stream }, (performance.now() - started) / 1000);
    return { state: fold.state, version: fold.version, seq: fold.seq, handledCommands: fold.handled, stats };
  }

  /**
   * Brings an aggregate loaded earlier up to date by folding only the commits appended since: what handleCommand
   * does after a ConcurrencyError, instead of a full load. Never reads or writes snapshots.
   */
  async catchUp<S>(aggregateType: string, aggregateId: string, reducer: Reducer<S>, loaded: LoadedAggregate<S>): Promise<LoadedAggregate<S>> {
    const address = aggregateAddress(this.config.subjectPrefix, aggregateType, aggregateId);
    const fold = new AggregateFold(address.subject, reducer, this.config.upcasters);
    fold.resume(loaded);
    try {
      const lastSeq = await this.lastSeqOf(address.subject);
      // The stream no longer reaches what we loaded (purged or recreated): only a full load can make sense of it.
      if (lastSeq < fold.seq) return this.load(aggregateType, aggregateId, reducer);
      if (lastSeq > fold.seq) {
        for await (const { seq, commit } of readCommits(this.js, this.jsm, this.config.stream, address.subject, fold.seq + 1, lastSeq)) {
          fold.apply(seq, commit);
        }
      }
    } catch (err) {
      throw toReadError(err, address.subject);
    }
    const stats: LoadStats = {
      snapshot: 'off', snapshotVersion: 0, replayedCommits: fold.replayedCommits, replayedEvents: fold.replayedEvents, snapshotWritten: false,
    };
    return { state: fold.state, version: fold.version, seq: fold.seq, handledCommands: fold.handled, stats };
  }

  /** Every commit of one aggregate as stored (not upcast), in order. */
  async *readAggregate(aggregateType: string, aggregateId: string): AsyncIterable<StoredCommit> {
    const address = aggregateAddress(this.config.subjectPrefix, aggregateType, aggregateId);
    let lastSeq: number;
    try {
      lastSeq = await this.lastSeqOf(address.subject);
    } catch (err) {
      throw toReadError(err, address.subject);
    }
    if (lastSeq === 0) return;
    yield* readCommits(this.js, this.jsm, this.config.stream, address.subject, 1, lastSeq);
  }

  private async lastSeqOf(subject: string): Promise<number> {
    const last = await this.jsm.direct.getMessage(this.config.stream, { last_by_subj: subject });
    return last?.seq ?? 0;
  }

  private async commitAt(seq: number, subject: string): Promise<Commit> {
    const m = await this.jsm.direct.getMessage(this.config.stream, { seq }).catch((err: unknown) => {
      throw toReadError(err, subject);
    });
    if (!m) throw new InternalError(`commit ${seq} of ${subject} acknowledged as duplicate but not found`);
    return decodeCommit(m.data);
  }
}
