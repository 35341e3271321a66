import type { SupportLevel } from './support-level.js';
import { counterpartOf, resolveVerdict, type EffectiveEntry } from './entry-matching.js';
import { productRef } from './product-ref.js';

/** A resource as far as interoperability goes: what it is, in which version. */
export interface InteropSubject {
  resourceId: string;
  product: string;
  version: string;
}

/** What the matrix says about two resources of a tenant, and which entry says it. */
export interface InteropRecord {
  resourceId: string;
  otherResourceId: string;
  support: SupportLevel;
  note?: string;
  entryId: string;
}

/**
 * The records of one resource against every other resource it meets: for each, the entry that decides (see
 * resolveVerdict). Pairs the matrix says nothing about get no record: "unknown" is the absence of one.
 */
export function interopRecordsFor(subject: InteropSubject, others: Iterable<InteropSubject>, entries: readonly EffectiveEntry[]): InteropRecord[] {
  const me = productRef(subject.product, subject.version);
  if (!me) return [];
  // 1. only entries that speak about this resource's product and version can decide anything
  const byCounterpart = new Map<string, EffectiveEntry[]>();
  for (const e of entries) {
    const other = counterpartOf(e, me);
    if (!other) continue;
    const list = byCounterpart.get(other.productKey) ?? [];
    list.push(e);
    byCounterpart.set(other.productKey, list);
  }
  if (!byCounterpart.size) return [];
  // 2. each other resource whose product they name: the decisive entry, if its version is in range
  const records: InteropRecord[] = [];
  for (const o of others) {
    if (o.resourceId === subject.resourceId) continue;
    const ref = productRef(o.product, o.version);
    const candidates = ref && byCounterpart.get(ref.productKey);
    if (!ref || !candidates) continue;
    const { decisive } = resolveVerdict(candidates, me, ref);
    if (!decisive) continue;
    const record: InteropRecord = { resourceId: subject.resourceId, otherResourceId: o.resourceId, support: decisive.support, entryId: decisive.id };
    if (decisive.note) record.note = decisive.note;
    records.push(record);
  }
  return records;
}
