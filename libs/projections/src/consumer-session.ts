import type { NatsConnection } from '@nats-io/transport-node';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  jetstream,
  jetstreamManager,
  type Consumer,
  type ConsumerMessages,
  type JsMsg,
} from '@nats-io/jetstream';
import { createLogger } from '#vorch/telemetry';
import { DeliveryOrder } from './delivery-order.js';

const log = createLogger('projections');
const ACK_WAIT_MS = 60000;
const FETCH_EXPIRES_MS = 5000;

export interface SessionTarget {
  name: string;
  stream: string;
  filterSubject: string;
  batchSize: number;
}

/**
 * One pass of a projection over its durable pull consumer, starting right after the checkpoint.
 *
 * PostgreSQL holds the position (the checkpoint); the durable consumer is only the server-side cursor. Opening a
 * session therefore re-creates the consumer at checkpoint + 1. That is what keeps delivery in stream order after a
 * crash or a failed batch: a consumer left with unacknowledged messages would hand out newer messages first and
 * redeliver the old ones later, and the checkpoint rule (skip seq ≤ checkpoint) would then drop them.
 */
export class ConsumerSession {
  private readonly buffer: JsMsg[] = [];
  private wake: (() => void) | undefined;
  private roomFreed: (() => void) | undefined;
  private interrupted = false;
  private failure: unknown;
  private fetching: ConsumerMessages | undefined;
  private pumping: Promise<void> = Promise.resolve();
  /** Messages the server still had for this consumer when it delivered the latest one. */
  private pendingAfterLast: number;

  private constructor(
    private readonly target: SessionTarget,
    private readonly order: DeliveryOrder,
    /** Messages matching the filter from the start sequence on, when the session opened. */
    readonly pendingAtStart: number,
  ) {
    this.pendingAfterLast = pendingAtStart;
  }

  static async open(nc: NatsConnection, target: SessionTarget, startSeq: number): Promise<ConsumerSession> {
    const jsm = await jetstreamManager(nc);
    // 1. drop the old cursor (a consumer's start position cannot be edited)
    try {
      await jsm.consumers.delete(target.stream, target.name);
    } catch (err) {
      if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.ConsumerNotFound)) throw err;
    }
    // 2. a new durable cursor right after the checkpoint; AckAll lets one ack settle a whole batch. The session
    //    bounds what it holds itself, so max_ack_pending only needs to stay out of the way.
    const info = await jsm.consumers.add(target.stream, {
      durable_name: target.name,
      ack_policy: AckPolicy.All,
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: startSeq,
      filter_subject: target.filterSubject,
      replay_policy: ReplayPolicy.Instant,
      ack_wait: ACK_WAIT_MS * 1_000_000,
      max_ack_pending: target.batchSize * 10,
    });
    const consumer = await jetstream(nc).consumers.get(target.stream, target.name);
    const session = new ConsumerSession(target, new DeliveryOrder(startSeq), info.num_pending);
    session.pumping = session.pump(consumer);
    return session;
  }

  /**
   * 3. One pull request at a time, each for a batch, while the buffer has room. Messages are handed over as they
   *    arrive, so a quiet stream costs no latency. (The client's continuous consume() was tried first: once
   *    max_ack_pending held delivery back, its pull accounting drifted and delivery slowed to a trickle until the
   *    pull requests expired.)
   */
  private async pump(consumer: Consumer): Promise<void> {
    const { batchSize } = this.target;
    try {
      while (!this.interrupted) {
        if (this.buffer.length >= batchSize * 2) {
          await new Promise<void>((resolve) => (this.roomFreed = resolve));
          this.roomFreed = undefined;
          continue;
        }
        const messages = await consumer.fetch({ max_messages: batchSize, expires: FETCH_EXPIRES_MS });
        this.fetching = messages;
        // stop() ends the iteration; close() would wait for an iteration that no one runs any more
        if (this.interrupted) messages.stop();
        for await (const m of messages) this.receive(m);
        this.fetching = undefined;
      }
    } catch (err) {
      if (this.interrupted) return;
      log.warn({ err, projection: this.target.name }, 'pulling from the projection consumer failed');
      this.failure = err;
      this.interrupt();
    }
  }

  private receive(m: JsMsg): void {
    if (!this.order.admit(m.seq)) return;
    this.buffer.push(m);
    this.pendingAfterLast = m.info.pending;
    this.wake?.();
  }

  /** Nothing held here and, when the last message came, nothing left for this consumer in the stream. */
  get drained(): boolean {
    return this.buffer.length === 0 && this.pendingAfterLast === 0;
  }

  /** Waits for at least one message and returns up to `max` in stream order; [] once interrupted. */
  async take(max: number): Promise<JsMsg[]> {
    while (!this.interrupted && this.buffer.length === 0) {
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    if (this.failure) throw this.failure;
    if (this.interrupted) return [];
    const batch = this.buffer.splice(0, max);
    this.roomFreed?.();
    return batch;
  }

  /** Makes a waiting or the next take() return [] so the runner can leave the session between batches. */
  interrupt(): void {
    this.interrupted = true;
    this.wake?.();
    this.roomFreed?.();
  }

  async close(): Promise<void> {
    this.interrupt();
    this.fetching?.stop();
    await this.pumping;
  }
}
