import type { MatrixEntry } from './matrix-entry.js';
import type { ProductRef } from './product-ref.js';
import { parseVersionRange, rangeContains, type VersionRange } from './version-range.js';

/** An entry that is in effect: where it came from and how recent it is. */
export interface EffectiveEntry extends MatrixEntry {
  id: string;
  /** null for a global entry, else the tenant that owns it. */
  tenantId: string | null;
  /** Higher is more recent: among entries of the same scope that match, the most recent one decides. */
  rank: number;
}

// Queries test the same few hundred ranges over and over; parsing each once keeps a check to microseconds.
const parsedRanges = new Map<string, VersionRange | null>();
const MAX_CACHED_RANGES = 10000;

function cachedRange(raw: string): VersionRange | null {
  let range = parsedRanges.get(raw);
  if (range === undefined) {
    const parsed = parseVersionRange(raw);
    range = parsed.ok ? parsed.range : null;
    if (parsedRanges.size >= MAX_CACHED_RANGES) parsedRanges.clear();
    parsedRanges.set(raw, range);
  }
  return range;
}

function sideMatches(productKey: string, versions: string, ref: ProductRef): boolean {
  if (productKey !== ref.productKey) return false;
  const range = cachedRange(versions);
  return range !== null && rangeContains(range, ref.version);
}

/** Does this entry speak about these two products in these versions (in either order)? */
export function entryMatches(entry: MatrixEntry, a: ProductRef, b: ProductRef): boolean {
  return (
    (sideMatches(entry.productKeyA, entry.versionsA, a) && sideMatches(entry.productKeyB, entry.versionsB, b)) ||
    (sideMatches(entry.productKeyA, entry.versionsA, b) && sideMatches(entry.productKeyB, entry.versionsB, a))
  );
}

/** Does this entry speak about this product in this version, on either side? Returns the other side when it does. */
export function counterpartOf(entry: MatrixEntry, ref: ProductRef): { product: string; productKey: string; versions: string } | undefined {
  if (sideMatches(entry.productKeyA, entry.versionsA, ref)) {
    return { product: entry.productB, productKey: entry.productKeyB, versions: entry.versionsB };
  }
  if (sideMatches(entry.productKeyB, entry.versionsB, ref)) {
    return { product: entry.productA, productKey: entry.productKeyA, versions: entry.versionsA };
  }
  return undefined;
}

/** A tenant's own statement outranks the platform's; within a scope the most recent one wins. */
export function outranks(x: EffectiveEntry, y: EffectiveEntry): boolean {
  if ((x.tenantId !== null) !== (y.tenantId !== null)) return x.tenantId !== null;
  return x.rank > y.rank;
}

export interface Verdict<E extends EffectiveEntry = EffectiveEntry> {
  /** The entry that decides, or undefined when the matrix says nothing about the pair. */
  decisive?: E;
  /** Every entry that matched, the decisive one first. */
  matched: E[];
}

/** Which entry answers "does a work with b?", among the entries visible to the asking tenant. */
export function resolveVerdict<E extends EffectiveEntry>(entries: Iterable<E>, a: ProductRef, b: ProductRef): Verdict<E> {
  const matched: E[] = [];
  for (const e of entries) if (entryMatches(e, a, b)) matched.push(e);
  matched.sort((x, y) => (outranks(x, y) ? -1 : outranks(y, x) ? 1 : 0));
  return { decisive: matched[0], matched };
}
