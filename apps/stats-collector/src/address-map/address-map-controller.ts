import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { addressMapKey, validateInput, VorchError, type StatsSubjects } from '#vorch/contracts';
import { EventStore, handleCommand } from '#vorch/eventstore';
import { DomainAddressReportInput } from '#vorch/stats-domain';
import { openAddressMapBucket, type DomainAddressesValue } from '#vorch/vswitch-agent';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { ensureDurable } from '../jetstream-setup.js';
import { domainAddressesDecider, domainEntries } from './domain-addresses.decider.js';
import { addressReportsTotal } from '../stats-collector.metrics.js';
import { jsonBody } from '../json-message.js';

const log = createLogger('stats-collector');
const warn = rateLimitedLogger(log);
const DURABLE = 'address-map-controller';

/**
 * The controller side of address distribution: folds every switch's report into its domain's event-sourced
 * aggregate, then writes the domain's whole map into the KV bucket every switch watches. Reports are handled one
 * at a time so a domain's KV value always follows its aggregate's order.
 */
export class AddressMapController {
  private messages?: ConsumerMessages;
  private done?: Promise<void>;

  private constructor(private readonly nc: NatsConnection, private readonly subjects: StatsSubjects, private readonly store: EventStore, private readonly kv: KV) {}

  static async start(nc: NatsConnection, subjects: StatsSubjects): Promise<AddressMapController> {
    const store = await EventStore.open(nc, {
      stream: subjects.addressEvents.stream,
      subjectPrefix: subjects.addressEvents.subjectPrefix,
      snapshotBucket: `${subjects.addressEvents.stream}_SNAP`,
      snapshotEvery: 50,
    });
    const kv = await openAddressMapBucket(nc, subjects.addressMapBucket);
    await ensureDurable(nc, subjects.inputStream, DURABLE, subjects.allAddresses);
    const controller = new AddressMapController(nc, subjects, store, kv);
    const consumer = await jetstream(nc).consumers.get(subjects.inputStream, DURABLE);
    controller.messages = await consumer.consume({ max_messages: 256 });
    controller.done = controller.run(controller.messages);
    return controller;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
    await this.done;
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      try {
        await this.handle(m);
        m.ack();
        addressReportsTotal.inc({ outcome: 'applied' });
      } catch (err) {
        if (err instanceof VorchError) {
          // A report that can never be applied (bad schema, an address given to two VMs): say so and move on.
          addressReportsTotal.inc({ outcome: 'rejected' });
          warn(err.code, { subject: m.subject, code: err.code, errors: err.errors }, 'address report rejected');
          m.term();
        } else {
          log.warn({ err, subject: m.subject }, 'address report will be retried');
          m.nak(1000);
        }
      }
    }
  }

  private async handle(m: JsMsg): Promise<void> {
    // 1. the switch is named by the subject, the body is the stats-domain report schema
    const switchId = m.subject.split('.').at(-2)!;
    const report = validateInput(DomainAddressReportInput, jsonBody(m));
    // 2. fold it into the domain's aggregate; the command id makes a redelivered report a no-op
    const result = await handleCommand(this.store, domainAddressesDecider, {
      aggregateType: 'domain-addresses',
      aggregateId: report.domainId,
      command: { type: 'ReportSwitchAddresses', domainId: report.domainId, switchId, version: report.version, entries: report.entries },
      meta: { commandId: `${switchId}:${report.version}`, tenantId: 'system', correlationId: `${switchId}:${report.version}`, actor: switchId },
    });
    // 3. distribute: also after a duplicate, since we may have died between the append and the put last time
    if (result.events.length === 0 && !result.duplicate) return;
    const value: DomainAddressesValue = { domainId: report.domainId, version: result.state.version, entries: domainEntries(result.state) };
    await this.kv.put(addressMapKey(report.domainId), JSON.stringify(value));
  }
}
