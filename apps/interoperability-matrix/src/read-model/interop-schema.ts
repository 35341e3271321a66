import type { EntityManager } from 'typeorm';

/**
 * The service's read model, all of it rebuilt from EVT_INTEROP by the one projection (one projection, so that an
 * import completing and a resource registering are applied in stream order and records never depend on timing).
 */
const DDL = [
  `create table if not exists interop_resources (
     resource_id text primary key,
     tenant_id text not null,
     kind text not null,
     vendor text not null,
     product text not null,
     product_key text not null,
     version text not null,
     site_id text,
     external_id text
   )`,
  // "which of this tenant's resources are product X" is how records find the resources an entry connects
  `create index if not exists interop_resources_tenant_product on interop_resources (tenant_id, product_key)`,
  `create table if not exists interop_imports (
     tenant_id text not null,
     import_id text not null,
     scope_tenant_id text,
     status text not null,
     format text not null,
     file_name text,
     total_entries integer not null,
     appended_entries integer not null default 0,
     total_chunks integer not null,
     appended_chunks integer not null default 0,
     started_at timestamptz not null,
     completed_at timestamptz,
     primary key (tenant_id, import_id)
   )`,
  // entries of an import still running: not in effect until it completes
  `create table if not exists interop_import_entries (
     tenant_id text not null,
     import_id text not null,
     line integer not null,
     entry jsonb not null,
     primary key (tenant_id, import_id, line)
   )`,
  // entries in effect; scope_key is '' for global entries, else the owning tenant; a later import of the same
  // statement (same products and ranges) replaces the earlier one
  `create table if not exists interop_entries (
     scope_key text not null,
     entry_key text not null,
     entry_id text not null unique,
     tenant_id text,
     product_key_a text not null,
     product_a text not null,
     versions_a text not null,
     product_key_b text not null,
     product_b text not null,
     versions_b text not null,
     support text not null,
     note text,
     import_id text not null,
     line integer not null,
     rank bigint not null,
     primary key (scope_key, entry_key)
   )`,
  `create index if not exists interop_entries_pair on interop_entries (product_key_a, product_key_b)`,
  `create index if not exists interop_entries_b on interop_entries (product_key_b)`,
  `create table if not exists interop_records (
     resource_id text not null,
     other_resource_id text not null,
     tenant_id text not null,
     support text not null,
     note text,
     entry_id text not null,
     primary key (resource_id, other_resource_id)
   )`,
  `create index if not exists interop_records_other on interop_records (other_resource_id)`,
];

export async function createInteropSchema(db: EntityManager): Promise<void> {
  for (const statement of DDL) await db.query(statement);
}

export async function emptyInteropSchema(db: EntityManager): Promise<void> {
  await db.query('truncate interop_resources, interop_imports, interop_import_entries, interop_entries, interop_records');
}
