import { productKey } from './product-ref.js';
import type { SupportLevel } from './support-level.js';
import { parseVersionRange } from './version-range.js';

/** One row of a support matrix: product A in a version range with product B in a version range. */
export interface MatrixEntryInput {
  productA: string;
  versionsA: string;
  productB: string;
  versionsB: string;
  support: SupportLevel;
  note?: string;
}

/** Whose entry it is: a platform admin's (`global`, seen by every tenant) or one tenant's own. */
export type MatrixScope = { kind: 'global' } | { kind: 'tenant'; tenantId: string };

/**
 * An entry as stored: the pair is put in a fixed order (by product key, then range), because "A works with B"
 * and "B works with A" are the same statement and must be the same entry.
 */
export interface MatrixEntry extends MatrixEntryInput {
  productKeyA: string;
  productKeyB: string;
  /** Identity of the statement within its scope: a later import with the same key replaces it. */
  key: string;
}

export function normalizeEntry(input: MatrixEntryInput): MatrixEntry {
  const a = { product: input.productA.trim(), key: productKey(input.productA), versions: canonicalRange(input.versionsA) };
  const b = { product: input.productB.trim(), key: productKey(input.productB), versions: canonicalRange(input.versionsB) };
  const [lo, hi] = a.key < b.key || (a.key === b.key && a.versions <= b.versions) ? [a, b] : [b, a];
  const entry: MatrixEntry = {
    productA: lo.product,
    versionsA: lo.versions,
    productB: hi.product,
    versionsB: hi.versions,
    support: input.support,
    productKeyA: lo.key,
    productKeyB: hi.key,
    key: `${lo.key}@${lo.versions}|${hi.key}@${hi.versions}`,
  };
  const note = input.note?.trim();
  if (note) entry.note = note;
  return entry;
}

function canonicalRange(text: string): string {
  const parsed = parseVersionRange(text);
  return parsed.ok ? parsed.range.raw : text.trim();
}

export function scopeId(scope: MatrixScope): string {
  return scope.kind === 'global' ? 'global' : `tenant:${scope.tenantId}`;
}
