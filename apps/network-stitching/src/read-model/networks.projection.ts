import type { EntityManager } from 'typeorm';
import { NETWORK_EVENTS, type EventEnvelope } from '#vorch/contracts';
import type { PositionedEvent, Projection, StreamPosition } from '#vorch/projections';
import { evolveStitchedNetwork, type NetworkPortsEvent, type StitchingEvent } from '#vorch/stitching-domain';
import { loadNetworkRecords, saveNetworkRecords, type NetworkRecord } from './network-record.js';
import { PortChanges } from './port-changes.js';
import { createNetworkSchema, emptyNetworkSchema } from './network-schema.js';

export const NETWORKS_PROJECTION = 'stitching_read_model';

/** Aggregate types of EVT_STITCHING this read model is made of (see NetworkStore and PortRegistry). */
const NETWORK = 'network';
const NETWORK_PORTS = 'network-ports';

export interface NetworksProjectionTarget {
  name: string;
  stream: string;
  filterSubject: string;
}

const DEFAULT_TARGET: NetworksProjectionTarget = {
  name: NETWORKS_PROJECTION,
  stream: NETWORK_EVENTS.stitching.stream,
  filterSubject: `${NETWORK_EVENTS.stitching.subjectPrefix}.>`,
};

/**
 * Networks, their per-site stitching states and their ports, from EVT_STITCHING. A network's row is folded with the
 * domain's own evolveStitchedNetwork, so every transition (degraded, repaired, torn down…) is decided in one place.
 * The whole batch is folded in memory and written once per network: a network's events come in bursts (one per
 * site and step), and a round trip per event is what limits a projection.
 */
export class NetworksProjection implements Projection {
  readonly name: string;
  readonly stream: string;
  readonly filterSubject: string;

  constructor(target: NetworksProjectionTarget = DEFAULT_TARGET) {
    this.name = target.name;
    this.stream = target.stream;
    this.filterSubject = target.filterSubject;
  }

  setup(db: EntityManager): Promise<void> {
    return createNetworkSchema(db);
  }

  reset(db: EntityManager): Promise<void> {
    return emptyNetworkSchema(db);
  }

  apply(event: EventEnvelope, db: EntityManager, position: StreamPosition): Promise<void> {
    return this.applyBatch([{ event, position }], db);
  }

  async applyBatch(events: ReadonlyArray<PositionedEvent>, db: EntityManager): Promise<void> {
    // 1. the networks this batch touches, as the read model has them now
    const ids = [...new Set(events.filter((e) => e.event.aggregateType === NETWORK).map((e) => e.event.aggregateId))];
    const networks = await loadNetworkRecords(db, ids);
    const ports = new PortChanges();
    // 2. fold every event in stream order
    for (const { event, position } of events) {
      if (event.aggregateType === NETWORK) networks.set(event.aggregateId, fold(networks.get(event.aggregateId), event, position.seq));
      else if (event.aggregateType === NETWORK_PORTS) ports.add(event.aggregateId, event as EventEnvelope & NetworkPortsEvent);
      // other aggregates of the stream are not part of this read model
    }
    // 3. write each network and port once
    await saveNetworkRecords(db, ids.map((id) => networks.get(id)!));
    await ports.save(db);
  }
}

function fold(current: NetworkRecord | undefined, envelope: EventEnvelope, seq: number): NetworkRecord {
  const event = envelope as EventEnvelope & StitchingEvent;
  // evolve throws for an event before its network's creation: the runner retries, then stops and records it
  const state = evolveStitchedNetwork(current?.state ?? { status: 'absent' }, event);
  if (state.status === 'absent') throw new Error(`${event.type} left network ${envelope.aggregateId} absent`);
  const record: NetworkRecord = current ?? { tenantId: envelope.tenantId, createdAt: envelope.occurredAt, siteUpdatedAt: new Map(), state, updatedAt: envelope.occurredAt, lastSeq: seq };
  const site = (event.data as { site?: string }).site;
  if (site !== undefined) record.siteUpdatedAt.set(site, envelope.occurredAt);
  return { ...record, state, updatedAt: envelope.occurredAt, lastSeq: seq };
}
