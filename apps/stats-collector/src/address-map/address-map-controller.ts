import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { KV } from '@nats-io/kv';
import { INVENTORY_PART_SEPARATOR, INVENTORY_SOURCE_PREFIX, inventorySourceId, validateInput, ValidationError, VorchError, type StatsSubjects } from '#vorch/contracts';
import { EventStore, handleCommand } from '#vorch/eventstore';
import { DomainAddressReportInput } from '#vorch/stats-domain';
import { openAddressMapBucket } from '#vorch/vswitch-agent';
import { createLogger, rateLimitedLogger } from '#vorch/telemetry';
import { ensureDurable } from '../jetstream-setup.js';
import { domainAddressesDecider, inventoryReportSourceId, type DomainAddressesCommand } from './domain-addresses.decider.js';
import { mergeAddressSources } from './merge-address-sources.js';
import { ShardedAddressMapWriter } from './sharded-address-map-writer.js';
import { ensureInputStreamSubjects } from './address-input-stream.js';
import { addressEntriesOverruled } from './address-map.metrics.js';
import { addressReportsTotal } from '../stats-collector.metrics.js';
import { jsonBody } from '../json-message.js';

const log = createLogger('stats-collector');
const warn = rateLimitedLogger(log);
/** One durable per subject family (a server before 2.10 takes one filter per consumer); both feed one handler. */
const SWITCH_DURABLE = 'address-map-controller';
const INVENTORY_DURABLE = 'address-map-controller-inventory';

/**
 * The controller side of address distribution: folds every switch's and every site inventory's report into its
 * domain's event-sourced aggregate, then writes the domain's map, in shards, into the KV bucket every switch watches
 * (only the shards that changed; see sharded-address-map-writer.ts).
 * Reports are handled one at a time (across both consumers) so a domain's KV value always follows its aggregate's order.
 */
export class AddressMapController {
  private readonly consumers: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];
  /** The tail of the one-at-a-time chain both consumers' messages join. */
  private turn: Promise<void> = Promise.resolve();

  private readonly writer: ShardedAddressMapWriter;

  private constructor(private readonly subjects: StatsSubjects, private readonly store: EventStore, kv: KV) {
    this.writer = new ShardedAddressMapWriter(kv);
  }

  static async start(nc: NatsConnection, subjects: StatsSubjects): Promise<AddressMapController> {
    const store = await EventStore.open(nc, {
      stream: subjects.addressEvents.stream,
      subjectPrefix: subjects.addressEvents.subjectPrefix,
      snapshotBucket: `${subjects.addressEvents.stream}_SNAP`,
      snapshotEvery: 50,
    });
    const kv = await openAddressMapBucket(nc, subjects.addressMapBucket);
    await ensureInputStreamSubjects(await jetstreamManager(nc), subjects);
    const controller = new AddressMapController(subjects, store, kv);
    for (const [durable, filter] of [[SWITCH_DURABLE, subjects.allAddresses], [INVENTORY_DURABLE, subjects.allInventoryAddresses]] as const) {
      await ensureDurable(nc, subjects.inputStream, durable, filter);
      const messages = await (await jetstream(nc).consumers.get(subjects.inputStream, durable)).consume({ max_messages: 256 });
      controller.consumers.push(messages);
      controller.loops.push(controller.run(messages));
    }
    return controller;
  }

  async stop(): Promise<void> {
    for (const m of this.consumers) await m.close();
    await Promise.all(this.loops);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    for await (const m of messages) {
      const mine = this.turn.then(() => this.settle(m));
      this.turn = mine;
      await mine;
    }
  }

  private async settle(m: JsMsg): Promise<void> {
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

  private async handle(m: JsMsg): Promise<void> {
    // 1. the source is named by the subject (a switch, or a site's inventory — one source per part of a split
    //    report), the body is the stats-domain report schema
    const command = this.commandOf(m.subject, validateInput(DomainAddressReportInput, jsonBody(m)));
    const sourceId = command.type === 'ReportInventoryAddresses' ? inventoryReportSourceId(command) : command.switchId;
    // 2. fold it into the domain's aggregate; the command id makes a redelivered report a no-op
    const result = await handleCommand(this.store, domainAddressesDecider, {
      aggregateType: 'domain-addresses',
      aggregateId: command.domainId,
      command,
      meta: { commandId: `${sourceId}:${command.version}`, tenantId: 'system', correlationId: `${sourceId}:${command.version}`, actor: sourceId },
    });
    // 3. distribute: also after a duplicate, since we may have died between the append and the put last time
    if (result.events.length === 0 && !result.duplicate) return;
    const merged = mergeAddressSources(result.state.switches);
    addressEntriesOverruled.set({ domain: command.domainId }, merged.overruled.length);
    if (merged.overruled.length > 0) {
      const first = merged.overruled[0]!;
      warn(`overruled:${command.domainId}`, {
        domainId: command.domainId, overruled: merged.overruled.length,
        example: { source: first.sourceId, entry: first.entry, winner: first.winnerSourceId, winnerEntry: first.winner },
      }, 'inventory address entries disagree with a switch; the switch wins');
    }
    // 4. the shards that changed; a write conflict with another replica throws, and the retry re-reads the bucket
    const priorVersion = result.state.version - result.events.length;
    await this.writer.write(command.domainId, priorVersion, result.state.version, merged.entries);
  }

  private commandOf(subject: string, report: DomainAddressReportInput): Exclude<DomainAddressesCommand, { type: 'ForgetSwitch' }> {
    const tokens = subject.split('.');
    const id = tokens.at(-2)!;
    const { domainId, version, entries, part } = report;
    if (tokens.at(-3) === 'inventory') {
      // The separator ends the site's part of a part's source id, so a site id holding it could pass for another's part.
      if (id.includes(INVENTORY_PART_SEPARATOR)) throw new ValidationError([{ field: 'subject', message: `site ids may not contain ${INVENTORY_PART_SEPARATOR}` }]);
      const whole = { type: 'ReportInventoryAddresses', domainId, sourceId: inventorySourceId(id), version, entries } as const;
      return part ? { ...whole, part: { index: part.index, count: part.count } } : whole;
    }
    // Only a site's report is ever too big for one message: a switch reports its own host's VMs, whole.
    if (part) throw new ValidationError([{ field: 'part', message: 'a switch report is not split into parts' }]);
    // The prefix is reserved so a switch can never overwrite (or be overwritten by) a site's inventory report.
    if (id.startsWith(INVENTORY_SOURCE_PREFIX)) throw new ValidationError([{ field: 'subject', message: `switch ids may not start with ${INVENTORY_SOURCE_PREFIX}` }]);
    return { type: 'ReportSwitchAddresses', domainId, switchId: id, version, entries };
  }
}
