import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { NETWORK_EVENTS } from '#vorch/contracts';
import { NATS_CONNECTION } from '#vorch/messaging';
import { ProjectionRunners } from '#vorch/projections';
import { createLogger } from '#vorch/telemetry';
import { NETWORKS_PROJECTION } from './networks.projection.js';

const log = createLogger('network-stitching.read-model');

/** How long a command's answer waits for the read model, and a query for its `minSeq`. */
const WAIT_MS = 5000;

/**
 * A caller's next query sees what its command just did. Commands here go through several stores (the network,
 * its ports, the ledger) and report aggregate versions, not stream positions, so the position waited for is the
 * aggregate's last commit in the stream (one direct get, last by subject), which includes the command's own.
 */
@Injectable()
export class ReadYourWrites {
  private jsm: Promise<JetStreamManager> | undefined;

  constructor(
    private readonly runners: ProjectionRunners,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
  ) {}

  /**
   * After a write to an aggregate: resolves with its last commit's stream position once the read model has it.
   * The write has succeeded either way, so a read model that takes too long is logged, not thrown.
   */
  async afterWrite(aggregateType: 'network' | 'network-ports', aggregateId: string): Promise<number> {
    const seq = await this.lastSeq(aggregateType, aggregateId);
    try {
      await this.runner().waitForSeq(seq, WAIT_MS);
    } catch (err) {
      log.warn({ err, seq, aggregateType, aggregateId }, 'read model is behind; answering before it caught up');
    }
    return seq;
  }

  /** Before a query given `minSeq`: PROJECTION.WAIT_TIMEOUT (504) or PROJECTION.STOPPED (503) if it is not reached. */
  async atLeast(minSeq: number | undefined): Promise<void> {
    if (minSeq && minSeq > 0) await this.runner().waitForSeq(minSeq, WAIT_MS);
  }

  /** The read model includes everything the aggregate has recorded so far (or the wait times out: 504). */
  async caughtUpWith(aggregateType: 'network' | 'network-ports', aggregateId: string): Promise<void> {
    await this.atLeast(await this.lastSeq(aggregateType, aggregateId));
  }

  private runner() {
    return this.runners.get(NETWORKS_PROJECTION);
  }

  private async lastSeq(aggregateType: string, aggregateId: string): Promise<number> {
    this.jsm ??= jetstreamManager(this.nc);
    const { stream, subjectPrefix } = NETWORK_EVENTS.stitching;
    const m = await (await this.jsm).direct.getMessage(stream, { last_by_subj: `${subjectPrefix}.${aggregateType}.${aggregateId}` });
    return m?.seq ?? 0;
  }
}
