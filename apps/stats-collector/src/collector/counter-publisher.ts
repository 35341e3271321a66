import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { StatsSubjects, VmTrafficBatchInput } from '#vorch/contracts';
import { createLogger } from '#vorch/telemetry';
import { counterMessage } from '../counters/counter-commit.js';
import { statsBatchesTotal } from '../stats-collector.metrics.js';

const log = createLogger('stats-collector');

/**
 * Publishes the collector's batches to the counters stream. A batch the server has not acknowledged stays queued
 * and is sent again (same message id, so never twice in effect); only when more than `maxPending` batches wait —
 * NATS away for long — is the oldest dropped, and its records are counted as dropped, never silently lost.
 */
export class CounterPublisher {
  private readonly js: JetStreamClient;
  private readonly pending: { batch: VmTrafficBatchInput; records: number }[] = [];
  private inflight?: Promise<void>;
  batchesPublished = 0;
  recordsDropped = 0;

  constructor(nc: NatsConnection, private readonly subjects: StatsSubjects, private readonly maxPending = 1000) {
    this.js = jetstream(nc);
  }

  enqueue(batch: VmTrafficBatchInput, records: number): void {
    this.pending.push({ batch, records });
    while (this.pending.length > this.maxPending) {
      this.recordsDropped += this.pending.shift()!.records;
      statsBatchesTotal.inc({ mode: 'collector', outcome: 'dropped' });
    }
  }

  /**
   * Sends what is queued, in order; stops at the first failure and leaves the rest for the next call. A call made
   * while a send is under way waits for it and then sends what was queued since, so once it resolves everything
   * enqueued before the call has been tried.
   */
  async sendPending(): Promise<void> {
    while (this.inflight) await this.inflight;
    this.inflight = this.sendQueued().finally(() => {
      this.inflight = undefined;
    });
    await this.inflight;
  }

  private async sendQueued(): Promise<void> {
    while (this.pending.length > 0) {
      const m = counterMessage(this.subjects, 'collector', this.pending[0].batch);
      try {
        await this.js.publish(m.subject, m.data, { msgID: m.msgID, timeout: 5000 });
      } catch (err) {
        log.warn({ err, queued: this.pending.length }, 'counter batch not published yet; will retry');
        return;
      }
      this.pending.shift();
      this.batchesPublished++;
      statsBatchesTotal.inc({ mode: 'collector', outcome: 'published' });
    }
  }

  get queued(): number {
    return this.pending.length;
  }
}
