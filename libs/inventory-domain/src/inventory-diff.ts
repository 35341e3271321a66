import { fingerprint, resourceKey, type InventoryResource } from './inventory-resource.js';

export interface AttributeChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface InventoryDiff {
  discovered: InventoryResource[];
  changed: Array<{ resource: InventoryResource; changes: AttributeChange[] }>;
  gone: Array<Pick<InventoryResource, 'kind' | 'externalId' | 'name'>>;
  unchanged: number;
}

function changesBetween(before: InventoryResource, after: InventoryResource): AttributeChange[] {
  const out: AttributeChange[] = [];
  if (before.name !== after.name) out.push({ field: 'name', before: before.name, after: after.name });
  const fields = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  for (const f of [...fields].sort()) {
    const a = before.attributes[f];
    const b = after.attributes[f];
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ field: `attributes.${f}`, before: a, after: b });
  }
  return out;
}

/**
 * Compares what Vorch knows of a site with what its cloud manager reports now. A full walk of the inventory
 * yields `gone` for what is no longer reported; a partial walk (one page, one watch event) must pass
 * `complete: false` so nothing is declared gone for merely not being in that part.
 */
export function diffInventory(
  known: ReadonlyMap<string, InventoryResource>,
  observed: readonly InventoryResource[],
  { complete }: { complete: boolean },
): InventoryDiff {
  const diff: InventoryDiff = { discovered: [], changed: [], gone: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const r of observed) {
    const key = resourceKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const before = known.get(key);
    if (!before) diff.discovered.push(r);
    else if (fingerprint(before) !== fingerprint(r)) diff.changed.push({ resource: r, changes: changesBetween(before, r) });
    else diff.unchanged++;
  }
  if (complete) {
    for (const [key, r] of known) {
      if (!seen.has(key)) diff.gone.push({ kind: r.kind, externalId: r.externalId, name: r.name });
    }
  }
  return diff;
}
