import { Injectable } from '@nestjs/common';
import type { CommandMeta, CompatibleResourcesInput, CompatibleResourcesView, SupportLevel } from '#vorch/contracts';
import { ENTRY_COLUMNS, entryView, type EntryRow } from '../read-model/entry-row.js';
import { ReadModelDb } from '../read-model/read-model-db.js';
import { RESOURCE_COLUMNS, resourceView, type ResourceRow } from '../read-model/resource-row.js';

const DEFAULT_LIMIT = 100;

type RecordRow = { record_support: string; record_note: string | null } & Record<string, unknown>;

// Columns of the other resource and of the entry, each under a prefix: plain columns are cheaper for PostgreSQL to
// produce and for the client to parse than a JSON object per row, and this query is the hot path of the service.
const columnsOf = (columns: string) => columns.split(',').map((c) => c.trim());
const aliased = (columns: string, alias: string) =>
  columnsOf(columns)
    .map((c) => `${alias}.${c} as ${alias}_${c}`)
    .join(', ');
const OTHER_COLUMNS = columnsOf(RESOURCE_COLUMNS).map((c) => [c, `o_${c}`] as const);
const ENTRY_FIELDS = columnsOf(ENTRY_COLUMNS).map((c) => [c, `e_${c}`] as const);

function unprefixed<T>(row: Record<string, unknown>, columns: ReadonlyArray<readonly [string, string]>): T {
  const out: Record<string, unknown> = {};
  for (const [name, alias] of columns) out[name] = row[alias];
  return out as T;
}

const RECORDS = `select r.support as record_support, r.note as record_note, ${aliased(RESOURCE_COLUMNS, 'o')}, ${aliased(ENTRY_COLUMNS, 'e')}
  from interop_records r
  join interop_resources o on o.resource_id = r.other_resource_id
  join interop_entries e on e.entry_id = r.entry_id
  where r.resource_id = $1 and ($2::text is null or r.support = $2) and ($3::text is null or r.other_resource_id > $3)
  order by r.other_resource_id
  limit $4`;

/** `qry.interop.compatible`: what the matrix says about a resource against each resource of its tenant, a page at a time. */
@Injectable()
export class CompatibleHandler {
  constructor(private readonly db: ReadModelDb) {}

  async handle(input: CompatibleResourcesInput, meta: CommandMeta): Promise<CompatibleResourcesView> {
    const resource = await this.db.tenantResource(meta.tenantId, input.resourceId);
    const limit = input.limit ?? DEFAULT_LIMIT;
    // one row more than the page tells whether there is a next page
    const rows = await this.db.query<RecordRow>('interop-compatible', RECORDS, [resource.resource_id, input.support ?? null, input.after ?? null, limit + 1]);
    const page = rows.slice(0, limit);
    const view: CompatibleResourcesView = {
      resource: resourceView(resource),
      records: page.map((r) => ({
        otherResource: resourceView(unprefixed<ResourceRow>(r, OTHER_COLUMNS)),
        support: r.record_support as SupportLevel,
        ...(r.record_note ? { note: r.record_note } : {}),
        entry: entryView(unprefixed<EntryRow>(r, ENTRY_FIELDS)),
      })),
    };
    if (rows.length > limit) view.next = view.records.at(-1)!.otherResource.resourceId;
    return view;
  }
}
