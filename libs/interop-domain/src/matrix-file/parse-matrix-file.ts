import type { MatrixFileFormat } from '#vorch/contracts';
import type { MatrixEntry } from '../matrix-entry.js';
import { readCsvRows } from './read-csv-rows.js';
import { readJsonRows } from './read-json-rows.js';
import { readTreeRows, type ReadRows } from './read-tree-rows.js';
import type { RowError } from './row-error.js';
import { validateRow } from './validate-row.js';


export interface ParsedMatrixEntry extends MatrixEntry {
  line: number;
}

/** Either every entry of the file, or every error in it: a file with one bad row is not imported in part. */
export type ParsedMatrixFile = { ok: true; entries: ParsedMatrixEntry[] } | { ok: false; errors: RowError[]; totalErrors: number };

export const MAX_MATRIX_ROWS = 200000;
const MAX_REPORTED_ERRORS = 1000;

function read(format: MatrixFileFormat, text: string): ReadRows {
  switch (format) {
    case 'json':
      return readJsonRows(text);
    case 'yaml':
      return readTreeRows(text);
    case 'csv':
      return readCsvRows(text);
    default: {
      const never: never = format;
      throw new Error(`unknown matrix file format ${String(never)}`);
    }
  }
}

export function parseMatrixFile(format: MatrixFileFormat, text: string): ParsedMatrixFile {
  // 1. read rows with their lines; a syntax error stops here, with its line
  const { rows, errors } = read(format, text);
  if (rows.length > MAX_MATRIX_ROWS) {
    return { ok: false, errors: [{ line: rows[MAX_MATRIX_ROWS]!.line, message: `a file holds at most ${MAX_MATRIX_ROWS} entries` }], totalErrors: 1 };
  }
  if (!rows.length && !errors.length) errors.push({ line: 1, message: 'the file holds no entries' });
  // 2. validate every row, collecting every error rather than stopping at the first
  const entries: ParsedMatrixEntry[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const row of rows) {
    const result = validateRow(row);
    if ('errors' in result) {
      errors.push(...result.errors);
      continue;
    }
    // 3. the same pair of ranges twice would make the file contradict itself (or repeat itself): refuse both
    const earlier = firstLineOfKey.get(result.entry.key);
    if (earlier !== undefined) {
      errors.push({ line: row.line, message: `repeats the entry of line ${earlier} (same products and version ranges)` });
      continue;
    }
    firstLineOfKey.set(result.entry.key, row.line);
    entries.push({ ...result.entry, line: row.line });
  }
  if (errors.length) {
    errors.sort((a, b) => a.line - b.line);
    // A reply listing a hundred thousand errors would not fit on the bus; the count says how many more there are.
    return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS), totalErrors: errors.length };
  }
  return { ok: true, entries };
}
