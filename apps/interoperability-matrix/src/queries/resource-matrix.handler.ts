import { Injectable } from '@nestjs/common';
import { NotFoundError, type CommandMeta, type ResourceMatrixInput, type ResourceMatrixView, type SupportLevel } from '#vorch/contracts';
import { ReadModelDb } from '../read-model/read-model-db.js';
import { RESOURCE_COLUMNS, resourceView, type ResourceRow } from '../read-model/resource-row.js';

interface PairRow {
  resource_id: string;
  other_resource_id: string;
  support: string;
  note: string | null;
  entry_id: string;
}

/** `qry.interop.resource-matrix`: every record among a set of the tenant's resources (each pair in both directions). */
@Injectable()
export class ResourceMatrixHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: ResourceMatrixInput, meta: CommandMeta): Promise<ResourceMatrixView> {
    const ids = [...new Set(input.resourceIds)];
    const resources = await this.db.query<ResourceRow>(
      'interop-matrix-resources',
      `select ${RESOURCE_COLUMNS} from interop_resources where resource_id = any($1::text[]) and tenant_id = $2 order by resource_id`,
      [ids, meta.tenantId],
    );
    const missing = ids.find((id) => !resources.some((r) => r.resource_id === id));
    if (missing) throw new NotFoundError('resource', missing);
    const records = await this.db.query<PairRow>(
      'interop-matrix-records',
      `select resource_id, other_resource_id, support, note, entry_id from interop_records
       where resource_id = any($1::text[]) and other_resource_id = any($1::text[]) order by resource_id, other_resource_id`,
      [ids],
    );
    return {
      resources: resources.map(resourceView),
      records: records.map((r) => ({
        resourceId: r.resource_id,
        otherResourceId: r.other_resource_id,
        support: r.support as SupportLevel,
        ...(r.note ? { note: r.note } : {}),
        entryId: r.entry_id,
      })),
    };
  }
}
