import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from '#vorch/contracts';
import { productKey, type MatrixImportEvent, type ResourceEvent } from '#vorch/interop-domain';
import type { Projection, StreamPosition } from '#vorch/projections';
import { createLogger } from '#vorch/telemetry';
import { INTEROP_SETTINGS, type InteropSettings } from '../interop-settings.js';
import { createInteropSchema, emptyInteropSchema } from '../read-model/interop-schema.js';
import type { ResourceRow } from '../read-model/resource-row.js';
import { activateImport, recordImportStarted, stageImportChunk } from './import-entries.js';
import { recomputeRecordsForProducts, recomputeResourceRecords } from './resource-records.js';

const log = createLogger('interop-projection');

type InteropEvent = ResourceEvent | MatrixImportEvent;

/** Resources, imports, matrix entries in effect, and interoperability records: the whole read model of the service. */
@Injectable()
export class InteropProjection implements Projection {
  readonly name: string;
  readonly stream: string;
  readonly filterSubject: string;

  constructor(@Inject(INTEROP_SETTINGS) settings: InteropSettings) {
    this.name = settings.projectionName;
    this.stream = settings.events.stream;
    this.filterSubject = `${settings.events.subjectPrefix}.>`;
  }

  setup(db: EntityManager): Promise<void> {
    return createInteropSchema(db);
  }

  reset(db: EntityManager): Promise<void> {
    return emptyInteropSchema(db);
  }

  async apply(envelope: EventEnvelope, db: EntityManager, position: StreamPosition): Promise<void> {
    const event = envelope as unknown as InteropEvent & EventEnvelope;
    switch (event.type) {
      case 'InteropResourceRegistered':
      case 'InteropResourceChanged': {
        const d = event.data;
        const row: ResourceRow = {
          resource_id: d.resourceId,
          tenant_id: d.tenantId,
          kind: d.kind,
          vendor: d.vendor,
          product: d.product,
          product_key: productKey(d.product),
          version: d.version,
          site_id: d.siteId ?? null,
          external_id: d.externalId ?? null,
        };
        await db.query(
          `insert into interop_resources (resource_id, tenant_id, kind, vendor, product, product_key, version, site_id, external_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           on conflict (resource_id) do update set kind = excluded.kind, vendor = excluded.vendor, product = excluded.product,
             product_key = excluded.product_key, version = excluded.version, site_id = excluded.site_id, external_id = excluded.external_id`,
          [row.resource_id, row.tenant_id, row.kind, row.vendor, row.product, row.product_key, row.version, row.site_id, row.external_id],
        );
        await recomputeResourceRecords(db, row);
        return;
      }
      case 'MatrixImportStarted':
        await recordImportStarted(db, event.tenantId, event.data, event.occurredAt);
        return;
      case 'MatrixImportChunkAppended':
        await stageImportChunk(db, event.tenantId, event.data.importId, event.data.entries);
        return;
      case 'MatrixImportCompleted': {
        const { productKeys, scopeTenantId } = await activateImport(db, event.tenantId, event.data.importId, event.aggregateId, position.seq, event.occurredAt);
        const records = await recomputeRecordsForProducts(db, productKeys, scopeTenantId);
        log.info({ importId: event.data.importId, entries: event.data.totalEntries, records }, 'matrix import in effect');
        return;
      }
      default: {
        // Events of a newer version of the service: skipped, and a rebuild after the upgrade picks them up.
        const unknown: never = event;
        log.warn({ type: (unknown as EventEnvelope).type }, 'event type not projected');
      }
    }
  }
}
