import type { MatrixEntryView, SupportLevel } from '#vorch/contracts';
import type { EffectiveEntry } from '#vorch/interop-domain';

export interface EntryRow {
  scope_key: string;
  entry_key: string;
  entry_id: string;
  tenant_id: string | null;
  product_key_a: string;
  product_a: string;
  versions_a: string;
  product_key_b: string;
  product_b: string;
  versions_b: string;
  support: string;
  note: string | null;
  import_id: string;
  line: number;
  rank: string | number;
}

export const ENTRY_COLUMNS =
  'scope_key, entry_key, entry_id, tenant_id, product_key_a, product_a, versions_a, product_key_b, product_b, versions_b, support, note, import_id, line, rank';

/** An entry row as the domain sees it, keeping the row for the view. */
export type EntryWithRow = EffectiveEntry & { row: EntryRow };

export function effectiveEntry(r: EntryRow): EntryWithRow {
  const entry: EntryWithRow = {
    id: r.entry_id,
    tenantId: r.tenant_id,
    rank: Number(r.rank),
    key: r.entry_key,
    productA: r.product_a,
    productKeyA: r.product_key_a,
    versionsA: r.versions_a,
    productB: r.product_b,
    productKeyB: r.product_key_b,
    versionsB: r.versions_b,
    support: r.support as SupportLevel,
    row: r,
  };
  if (r.note) entry.note = r.note;
  return entry;
}

export function entryView(r: EntryRow): MatrixEntryView {
  const view: MatrixEntryView = {
    entryId: r.entry_id,
    scope: r.tenant_id === null ? 'global' : 'tenant',
    productA: r.product_a,
    versionsA: r.versions_a,
    productB: r.product_b,
    versionsB: r.versions_b,
    support: r.support as SupportLevel,
    importId: r.import_id,
    line: r.line,
  };
  if (r.note) view.note = r.note;
  return view;
}

/** Entries visible to a tenant that name a product, on either side. */
export const VISIBLE_ENTRIES_FOR_PRODUCT = `select ${ENTRY_COLUMNS} from interop_entries
   where (product_key_a = $1 or product_key_b = $1) and (tenant_id is null or tenant_id = $2)`;
