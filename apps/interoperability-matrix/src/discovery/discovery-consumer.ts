import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import { ValidationError, VorchError, type EventEnvelope } from '#vorch/contracts';
import { NATS_CONNECTION } from '#vorch/messaging';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { RegisterResource } from '../commands/register-resource.js';
import { INTEROP_SETTINGS, type InteropSettings } from '../interop-settings.js';
import { discoveredTotal } from '../interop-metrics.js';
import { discoveredResource, envelopesOf } from './discovered-events.js';

const log = createLogger('interop-discovery');
const warnBadEvent = rateLimitedLogger(log);
const STREAM_POLL_MS = 5000;
const RETRY_DELAY_MS = 2000;

function isNotFound(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}

/**
 * Resources discovered by other services: a durable pull consumer on the inventory stream (filter evt.inventory.>),
 * each InventoryResourceDiscovered event registered as a resource. Idempotent: the resource id comes from where it
 * was found and the command id from the event id, so redelivery and re-discovery change nothing. The stream belongs
 * to the publisher; until it exists this waits for it.
 */
@Injectable()
export class DiscoveryConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private messages: ConsumerMessages | undefined;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(INTEROP_SETTINGS) private readonly settings: InteropSettings,
    private readonly register: RegisterResource,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run().catch((err: unknown) => log.error({ err }, 'discovery consumer stopped'));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => {});
    await this.loop;
  }

  private async run(): Promise<void> {
    const { stream, filterSubject, consumer: durable } = this.settings.discovery;
    const jsm = await jetstreamManager(this.nc);
    // 1. wait for the publisher's stream
    for (let warned = false; !this.stopped; warned = true) {
      try {
        await jsm.streams.info(stream);
        break;
      } catch (err) {
        if (!isNotFound(err, JetStreamApiCodes.StreamNotFound)) throw err;
        if (!warned) log.warn({ stream }, 'discovery stream does not exist yet; waiting for it');
        await new Promise((r) => setTimeout(r, STREAM_POLL_MS));
      }
    }
    if (this.stopped) return;
    // 2. the durable consumer (shared by every replica of this service)
    try {
      await jsm.consumers.info(stream, durable);
    } catch (err) {
      if (!isNotFound(err, JetStreamApiCodes.ConsumerNotFound)) throw err;
      await jsm.consumers.add(stream, {
        durable_name: durable,
        filter_subject: filterSubject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: 30_000_000_000,
        max_deliver: 20,
      });
    }
    // 3. consume until shutdown
    const consumer = await jetstream(this.nc).consumers.get(stream, durable);
    this.messages = await consumer.consume({ max_messages: 64 });
    log.info({ stream, filterSubject, durable }, 'consuming discovered resources');
    for await (const m of this.messages) await this.handle(m);
  }

  private async handle(m: JsMsg): Promise<void> {
    let envelopes;
    try {
      envelopes = envelopesOf(m.data);
    } catch {
      warnBadEvent('unreadable', { subject: m.subject, seq: m.seq }, 'discovery message is not JSON; skipped');
      discoveredTotal.inc({ outcome: 'invalid' });
      m.term();
      return;
    }
    try {
      for (const e of envelopes) await this.registerFrom(e);
      m.ack();
    } catch (err) {
      discoveredTotal.inc({ outcome: 'failed' });
      log.error({ err, subject: m.subject, seq: m.seq }, 'discovery event failed; it will be redelivered');
      m.nak(RETRY_DELAY_MS);
    }
  }

  private async registerFrom(e: EventEnvelope): Promise<void> {
    let d;
    try {
      if (typeof e.id !== 'string' || !e.id) throw new ValidationError([{ field: 'id', message: 'the envelope needs an id' }]);
      d = discoveredResource(e);
    } catch (err) {
      // A malformed event will not get better by redelivery: counted, logged (rate-limited) and skipped.
      if (!(err instanceof VorchError)) throw err;
      warnBadEvent('invalid', { eventId: e.id, errors: err.errors }, 'discovery event is invalid; skipped');
      discoveredTotal.inc({ outcome: 'invalid' });
      return;
    }
    if (!d) return;
    const { tenantId, kind, vendor, product, version, siteId, externalId } = d;
    try {
      const result = await this.register.run({ tenantId, kind, vendor, product, version, siteId, externalId }, 'discovery', {
        commandId: `discovered-${e.id}`,
        tenantId,
        correlationId: e.correlationId || e.id,
        causationId: e.id,
        actor: 'discovery',
      });
      discoveredTotal.inc({ outcome: result.changed ? 'registered' : 'unchanged' });
    } catch (err) {
      // Refused by the domain (not a version, an id clash): redelivery would be refused again. Anything else is retried.
      if (!(err instanceof VorchError) || err.status >= 500 || err.code === 'CONCURRENCY') throw err;
      warnBadEvent('refused', { eventId: e.id, code: err.code, message: err.message }, 'discovered resource refused; skipped');
      discoveredTotal.inc({ outcome: 'invalid' });
    }
  }
}
