import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { NATS_CONNECTION } from '#vorch/messaging';
import { INTEROP_SETTINGS, type InteropSettings } from './interop-settings.js';

/**
 * Where an aggregate's last commit sits in the stream: what a command waits for the read model to reach before
 * it replies (handleCommand reports versions, not stream positions). One direct get, last by subject.
 */
@Injectable()
export class CommitPositions {
  private jsm: Promise<JetStreamManager> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(INTEROP_SETTINGS) private readonly settings: InteropSettings,
  ) {}

  async lastSeq(aggregateType: string, aggregateId: string): Promise<number> {
    this.jsm ??= jetstreamManager(this.nc);
    const jsm = await this.jsm;
    const { stream, subjectPrefix } = this.settings.events;
    const m = await jsm.direct.getMessage(stream, { last_by_subj: `${subjectPrefix}.${aggregateType}.${aggregateId}` });
    return m?.seq ?? 0;
  }
}
