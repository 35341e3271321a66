import { Inject, Injectable } from '@nestjs/common';
import { errors as natsErrors, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { PROJECTION_SERVICES, projectionAdminSubjects, type ProjectionsOverviewView, type ReplicaProjectionsView } from '#vorch/contracts';
import { decodeJson, encodeJson, NATS_CONNECTION, tracedHeaders, type BusRequest, type Reply } from '#vorch/messaging';
import { createLogger } from '#vorch/telemetry';
import type { Principal } from '../auth/principal.js';
import { BusForwarder } from '../bus/bus-forwarder.js';
import { mergeProjectionStatuses } from './merge-projection-statuses.js';

const log = createLogger('gateway');

/** How long the gateway waits for the first status answer: every replica answers, and there is no way to know how many there are. */
export const PROJECTION_STATUS_WAIT_MS = Symbol('vorch:projection-status-wait-ms');
/** Once answers flow, this long without another ends the gathering: replicas answer within milliseconds of each other. */
const STALL_MS = 300;

/**
 * Asks every replica of every service for its projections at once and merges what arrives before the deadline. A
 * service that does not answer in time shows as unreachable; it does not fail the whole call.
 */
@Injectable()
export class ProjectionStatusScatter {
  private readonly subject = projectionAdminSubjects().status;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly forwarder: BusForwarder,
    @Inject(PROJECTION_STATUS_WAIT_MS) private readonly waitMs: number,
  ) {}

  async gather(principal: Principal): Promise<ProjectionsOverviewView> {
    const request: BusRequest = { meta: this.forwarder.metaFor(principal), payload: {} };
    const answers: ReplicaProjectionsView[] = [];
    try {
      const replies = await this.nc.requestMany(this.subject, encodeJson(request), { strategy: 'stall', maxWait: this.waitMs, stall: STALL_MS, headers: tracedHeaders() });
      for await (const msg of replies) this.collect(msg, answers);
    } catch (err) {
      // no responder at all: every service is unreachable, which the overview says
      if (!isNoResponders(err)) log.warn({ err }, 'projection status scatter ended early');
    }
    return mergeProjectionStatuses(answers, PROJECTION_SERVICES);
  }

  private collect(msg: Msg, answers: ReplicaProjectionsView[]): void {
    try {
      const reply = decodeJson<Reply<ReplicaProjectionsView>>(msg.data);
      if ('ok' in reply) answers.push(reply.ok);
      else log.warn({ error: reply.error }, 'a replica answered the projection status with an error');
    } catch (err) {
      log.warn({ err }, 'unreadable projection status answer');
    }
  }
}

function isNoResponders(err: unknown): boolean {
  return err instanceof natsErrors.NoRespondersError || (err instanceof natsErrors.RequestError && err.isNoResponders());
}
