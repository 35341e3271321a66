import { CsvError, parse } from 'csv-parse/sync';
import type { ReadRows } from './read-tree-rows.js';
import type { RawRow } from './raw-row.js';
import type { RowError } from './row-error.js';
import { MATRIX_FIELDS } from './validate-row.js';

interface CsvRecord {
  record: string[];
  info: { lines: number };
  raw: string;
}

/**
 * csv-parse reports the line a record ends on; a quoted field may span lines, so count back to where it starts
 * (the raw text also carries the blank lines skipped before the record, which are not part of it).
 */
function firstLine(r: CsvRecord): number {
  const breaks = r.raw.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/\r?\n$/, '').split('\n').length - 1;
  return r.info.lines - breaks;
}

/** Rows of a CSV matrix: the first line names the columns (productA, versionsA, productB, versionsB, support, note). */
export function readCsvRows(text: string): ReadRows {
  let records: CsvRecord[];
  try {
    records = parse(text, { info: true, raw: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as unknown as CsvRecord[];
  } catch (err) {
    const line = err instanceof CsvError ? Number((err as CsvError & { lines?: number }).lines ?? 1) : 1;
    return { rows: [], errors: [{ line, message: `not valid CSV: ${(err as Error).message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], errors: [{ line: 1, message: 'the file is empty: the first line must name the columns' }] };
  const columns = header.record;
  const errors: RowError[] = [];
  const seen = new Set<string>();
  columns.forEach((c) => {
    if (seen.has(c)) errors.push({ line: firstLine(header), field: c, message: 'column appears twice' });
    seen.add(c);
    if (!(MATRIX_FIELDS as readonly string[]).includes(c)) {
      errors.push({ line: firstLine(header), field: c, message: `is not a matrix column (expected ${MATRIX_FIELDS.join(', ')})` });
    }
  });
  if (errors.length) return { rows: [], errors };
  const rows: RawRow[] = [];
  for (const r of body) {
    const line = firstLine(r);
    if (r.record.length > columns.length) {
      errors.push({ line, message: `has ${r.record.length} fields but the header names ${columns.length}` });
      continue;
    }
    const fields: Record<string, unknown> = {};
    columns.forEach((c, i) => {
      const v = r.record[i];
      // An empty cell means "not given", so a missing required value reads "is required", and an optional one is absent.
      if (v !== undefined && v !== '') fields[c] = v;
    });
    rows.push({ line, fields });
  }
  return { rows, errors };
}
