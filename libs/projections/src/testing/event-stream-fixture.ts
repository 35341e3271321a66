import type { NatsConnection } from '@nats-io/transport-node';
import { DiscardPolicy, RetentionPolicy, StorageType, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { encodeCommit, newId, type EventEnvelope } from '#vorch/contracts';

/**
 * Writes commits the way the event store does (one Commit per message on `<prefix>.<type>.<id>`), so projection
 * tests need not depend on the event store library.
 */
export class EventStreamFixture {
  private readonly versions = new Map<string, number>();
  private readonly js: JetStreamClient;

  private constructor(
    nc: NatsConnection,
    readonly stream: string,
    readonly subjectPrefix: string,
  ) {
    this.js = jetstream(nc);
  }

  static async create(nc: NatsConnection, stream: string, subjectPrefix: string): Promise<EventStreamFixture> {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: stream,
      subjects: [`${subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      allow_direct: true,
      duplicate_window: 120 * 1_000_000_000,
    });
    return new EventStreamFixture(nc, stream, subjectPrefix);
  }

  /** Builds the envelopes of one commit (versions continue per aggregate). */
  commit(aggregateType: string, aggregateId: string, events: Array<{ type: string; data: unknown; schemaVersion?: number }>) {
    const key = `${aggregateType}.${aggregateId}`;
    let version = this.versions.get(key) ?? 0;
    const envelopes: EventEnvelope[] = events.map((e) => ({
      id: newId(),
      type: e.type,
      schemaVersion: e.schemaVersion ?? 1,
      aggregateId,
      aggregateType,
      version: ++version,
      occurredAt: new Date().toISOString(),
      tenantId: 'tenant-test',
      correlationId: 'corr-test',
      causationId: 'cause-test',
      data: e.data,
    }));
    this.versions.set(key, version);
    return { subject: `${this.subjectPrefix}.${key}`, data: encodeCommit({ commandId: newId(), events: envelopes }) };
  }

  /** Publishes one commit and returns its stream sequence. */
  async append(aggregateType: string, aggregateId: string, events: Array<{ type: string; data: unknown; schemaVersion?: number }>): Promise<number> {
    const c = this.commit(aggregateType, aggregateId, events);
    return (await this.js.publish(c.subject, c.data)).seq;
  }

  /** Publishes many commits with up to `window` in flight; returns the last sequence. */
  async appendMany(commits: Array<{ aggregateType: string; aggregateId: string; events: Array<{ type: string; data: unknown }> }>, window = 256): Promise<number> {
    let last = 0;
    for (let i = 0; i < commits.length; i += window) {
      const acks = await Promise.all(
        commits.slice(i, i + window).map((c) => {
          const m = this.commit(c.aggregateType, c.aggregateId, c.events);
          return this.js.publish(m.subject, m.data);
        }),
      );
      last = Math.max(last, ...acks.map((a) => a.seq));
    }
    return last;
  }
}
