import { normalizeEntry, type MatrixEntry } from '../matrix-entry.js';
import { isSupportLevel, SUPPORT_LEVELS } from '../support-level.js';
import { parseVersionRange } from '../version-range.js';
import type { RawRow } from './raw-row.js';
import type { RowError } from './row-error.js';

export const MATRIX_FIELDS = ['productA', 'versionsA', 'productB', 'versionsB', 'support', 'note'] as const;
const REQUIRED = ['productA', 'versionsA', 'productB', 'versionsB', 'support'] as const;
const MAX_PRODUCT = 120;
const MAX_NOTE = 1000;

/** A row of a matrix file as a normalized entry, or every reason it is not one. */
export function validateRow(row: RawRow): { entry: MatrixEntry } | { errors: RowError[] } {
  const errors: RowError[] = [];
  const bad = (field: string, message: string) => errors.push({ line: row.line, field, message });
  const f = row.fields;

  for (const name of Object.keys(f)) {
    if (!(MATRIX_FIELDS as readonly string[]).includes(name)) bad(name, `is not a matrix field (expected ${MATRIX_FIELDS.join(', ')})`);
  }
  for (const name of REQUIRED) {
    const v = f[name];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) bad(name, 'is required');
  }
  for (const name of ['productA', 'productB'] as const) {
    const v = f[name];
    if (v !== undefined && v !== null && typeof v !== 'string') bad(name, 'must be a text');
    else if (typeof v === 'string' && v.length > MAX_PRODUCT) bad(name, `is longer than ${MAX_PRODUCT} characters`);
  }
  for (const name of ['versionsA', 'versionsB'] as const) {
    // YAML and JSON give `8.0` as a number; read it back as the text the person meant.
    const v = typeof f[name] === 'number' ? String(f[name]) : f[name];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') bad(name, 'must be a version range');
    else {
      const parsed = parseVersionRange(v);
      if (!parsed.ok) bad(name, parsed.message);
    }
  }
  const support = typeof f.support === 'string' ? f.support.trim().toLowerCase() : f.support;
  if (support !== undefined && support !== null && support !== '' && !isSupportLevel(support)) {
    bad('support', `must be one of ${SUPPORT_LEVELS.join(', ')}`);
  }
  const note = f.note === null || f.note === undefined ? undefined : f.note;
  if (note !== undefined && typeof note !== 'string') bad('note', 'must be a text');
  else if (typeof note === 'string' && note.length > MAX_NOTE) bad('note', `is longer than ${MAX_NOTE} characters`);
  if (support === 'conditional' && (typeof note !== 'string' || !note.trim())) bad('note', 'is required when support is conditional');

  if (errors.length || !isSupportLevel(support)) return { errors };
  return {
    entry: normalizeEntry({
      productA: f.productA as string,
      versionsA: String(f.versionsA),
      productB: f.productB as string,
      versionsB: String(f.versionsB),
      support,
      note: note as string | undefined,
    }),
  };
}
