import type { EntityManager } from 'typeorm';
import { counterpartOf, interopRecordsFor, productRef, type InteropRecord, type InteropSubject } from '#vorch/interop-domain';
import { ENTRY_COLUMNS, effectiveEntry, VISIBLE_ENTRIES_FOR_PRODUCT, type EntryRow } from '../read-model/entry-row.js';
import { RESOURCE_COLUMNS, type ResourceRow } from '../read-model/resource-row.js';

function subjectOf(r: ResourceRow): InteropSubject {
  return { resourceId: r.resource_id, product: r.product, version: r.version };
}

async function insertRecords(db: EntityManager, tenantId: string, records: InteropRecord[]): Promise<void> {
  if (!records.length) return;
  await db.query(
    `insert into interop_records (resource_id, other_resource_id, tenant_id, support, note, entry_id)
     select r, o, $1, s, n, e from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as x(r, o, s, n, e)
     on conflict (resource_id, other_resource_id) do update
       set support = excluded.support, note = excluded.note, entry_id = excluded.entry_id`,
    [
      tenantId,
      records.map((r) => r.resourceId),
      records.map((r) => r.otherResourceId),
      records.map((r) => r.support),
      records.map((r) => r.note ?? null),
      records.map((r) => r.entryId),
    ],
  );
}

function mirrored(records: InteropRecord[]): InteropRecord[] {
  return records.flatMap((r) => [r, { ...r, resourceId: r.otherResourceId, otherResourceId: r.resourceId }]);
}

/** A resource registered or changed: its records against every resource of its tenant, in both directions. */
export async function recomputeResourceRecords(db: EntityManager, resource: ResourceRow): Promise<number> {
  // 1. forget what was said about it (its version may have changed)
  await db.query('delete from interop_records where resource_id = $1 or other_resource_id = $1', [resource.resource_id]);
  // 2. the entries that can speak about it, and the products on their other side
  const rows = (await db.query(VISIBLE_ENTRIES_FOR_PRODUCT, [resource.product_key, resource.tenant_id])) as EntryRow[];
  const me = productRef(resource.product, resource.version);
  if (!me || !rows.length) return 0;
  const entries = rows.map(effectiveEntry);
  const partnerKeys = [...new Set(entries.map((e) => counterpartOf(e, me)?.productKey).filter((k): k is string => !!k))];
  if (!partnerKeys.length) return 0;
  // 3. the tenant's resources of those products, and the deciding entry for each
  const others = (await db.query(`select ${RESOURCE_COLUMNS} from interop_resources where tenant_id = $1 and product_key = any($2::text[])`, [
    resource.tenant_id,
    partnerKeys,
  ])) as ResourceRow[];
  const records = interopRecordsFor(subjectOf(resource), others.map(subjectOf), entries);
  await insertRecords(db, resource.tenant_id, mirrored(records));
  return records.length;
}

/**
 * New entries came into effect for these products: every pair of resources they could speak about is decided
 * again. An entry names two products, so only pairs whose both products are among them can change.
 */
export async function recomputeRecordsForProducts(db: EntityManager, productKeys: string[], onlyTenant: string | null): Promise<number> {
  const affected = (await db.query(
    `select ${RESOURCE_COLUMNS} from interop_resources where product_key = any($1::text[]) and ($2::text is null or tenant_id = $2)`,
    [productKeys, onlyTenant],
  )) as ResourceRow[];
  const byTenant = new Map<string, ResourceRow[]>();
  for (const r of affected) byTenant.set(r.tenant_id, [...(byTenant.get(r.tenant_id) ?? []), r]);
  let written = 0;
  for (const [tenantId, resources] of byTenant) {
    const ids = resources.map((r) => r.resource_id);
    await db.query('delete from interop_records where resource_id = any($1::text[]) and other_resource_id = any($1::text[])', [ids]);
    const rows = (await db.query(
      `select ${ENTRY_COLUMNS} from interop_entries
       where (product_key_a = any($1::text[]) or product_key_b = any($1::text[])) and (tenant_id is null or tenant_id = $2)`,
      [productKeys, tenantId],
    )) as EntryRow[];
    const entries = rows.map(effectiveEntry);
    const subjects = resources.map(subjectOf);
    // Each resource writes its own direction; the verdict is symmetric, so the other direction comes from the other side.
    const records = subjects.flatMap((s) => interopRecordsFor(s, subjects, entries));
    await insertRecords(db, tenantId, records);
    written += records.length;
  }
  return written;
}
