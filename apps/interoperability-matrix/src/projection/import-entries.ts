import type { EntityManager } from 'typeorm';
import type { ImportedEntry, MatrixImportStarted } from '#vorch/interop-domain';

/** Rank of an entry among the entries in effect: the later the import completed, the higher (see outranks()). */
export const RANK_PER_SEQ = 1_000_000;

export async function recordImportStarted(db: EntityManager, tenantId: string, data: MatrixImportStarted['data'], at: string): Promise<void> {
  await db.query(
    `insert into interop_imports (tenant_id, import_id, scope_tenant_id, status, format, file_name, total_entries, total_chunks, started_at)
     values ($1, $2, $3, 'running', $4, $5, $6, $7, $8)
     on conflict (tenant_id, import_id) do nothing`,
    [tenantId, data.importId, data.scopeTenantId, data.format, data.fileName ?? null, data.totalEntries, data.totalChunks, at],
  );
}

/** Entries of a chunk wait in interop_import_entries: in effect only once the whole file is in. */
export async function stageImportChunk(db: EntityManager, tenantId: string, importId: string, entries: ImportedEntry[]): Promise<void> {
  await db.query(
    `insert into interop_import_entries (tenant_id, import_id, line, entry)
     select $1, $2, (x->>'line')::int, x from jsonb_array_elements($3::jsonb) as x
     on conflict do nothing`,
    [tenantId, importId, JSON.stringify(entries)],
  );
  await db.query(
    `update interop_imports set appended_entries = appended_entries + $3, appended_chunks = appended_chunks + 1
     where tenant_id = $1 and import_id = $2`,
    [tenantId, importId, entries.length],
  );
}

/**
 * The import completed: its entries come into effect together, each replacing an earlier entry with the same
 * statement in the same scope. Returns the products they name, whose records must be decided again.
 */
export async function activateImport(
  db: EntityManager,
  tenantId: string,
  importId: string,
  entryIdPrefix: string,
  seq: number,
  at: string,
): Promise<{ productKeys: string[]; scopeTenantId: string | null }> {
  const [imp] = (await db.query('select scope_tenant_id from interop_imports where tenant_id = $1 and import_id = $2', [tenantId, importId])) as Array<{
    scope_tenant_id: string | null;
  }>;
  const scopeTenantId = imp?.scope_tenant_id ?? null;
  await db.query(
    `insert into interop_entries (scope_key, entry_key, entry_id, tenant_id, product_key_a, product_a, versions_a,
                                  product_key_b, product_b, versions_b, support, note, import_id, line, rank)
     select coalesce($3::text, ''), entry->>'key', $4 || '-' || line, $3::text, entry->>'productKeyA', entry->>'productA', entry->>'versionsA',
            entry->>'productKeyB', entry->>'productB', entry->>'versionsB', entry->>'support', entry->>'note', $2, line, $5::bigint + line
     from interop_import_entries where tenant_id = $1 and import_id = $2
     on conflict (scope_key, entry_key) do update set
       entry_id = excluded.entry_id, product_a = excluded.product_a, product_b = excluded.product_b,
       versions_a = excluded.versions_a, versions_b = excluded.versions_b, support = excluded.support, note = excluded.note,
       import_id = excluded.import_id, line = excluded.line, rank = excluded.rank`,
    [tenantId, importId, scopeTenantId, entryIdPrefix, seq * RANK_PER_SEQ],
  );
  const keys = (await db.query(
    `select distinct k from interop_import_entries, lateral (values (entry->>'productKeyA'), (entry->>'productKeyB')) as v(k)
     where tenant_id = $1 and import_id = $2`,
    [tenantId, importId],
  )) as Array<{ k: string }>;
  await db.query('delete from interop_import_entries where tenant_id = $1 and import_id = $2', [tenantId, importId]);
  await db.query(`update interop_imports set status = 'completed', completed_at = $3 where tenant_id = $1 and import_id = $2`, [tenantId, importId, at]);
  return { productKeys: keys.map((r) => r.k), scopeTenantId };
}
