import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { RawRow } from './raw-row.js';
import type { RowError } from './row-error.js';

export interface ReadRows {
  rows: RawRow[];
  errors: RowError[];
}

// A number in the file (`versionsA: 8.10`) is read back as written: as a number it would become 8.1.
function fieldValue(node: unknown): unknown {
  if (isScalar(node)) return typeof node.value === 'number' && node.source !== undefined ? node.source : node.value;
  return (node as Node | null)?.toJSON?.() ?? node;
}

/**
 * Rows of a JSON or YAML matrix: the document is a list of entries, or a mapping whose `entries` is that list.
 * The YAML parser reads JSON too and keeps where every node starts, which is what gives each row its line.
 */
export function readTreeRows(text: string): ReadRows {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  if (doc.errors.length) {
    return { rows: [], errors: doc.errors.map((e) => ({ line: e.linePos?.[0]?.line ?? lineOf(e.pos[0]), message: e.message.split('\n')[0]! })) };
  }
  let list: unknown = doc.contents;
  if (isMap(list)) {
    const entries = list.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === 'entries');
    list = entries?.value;
  }
  if (!isSeq(list)) {
    return { rows: [], errors: [{ line: lineOf((doc.contents as Node | null)?.range?.[0]), message: 'the file must hold a list of entries (or an object whose "entries" is that list)' }] };
  }
  const rows: RawRow[] = [];
  const errors: RowError[] = [];
  for (const item of list.items) {
    const line = lineOf((item as Node | null)?.range?.[0]);
    if (!isMap(item)) {
      errors.push({ line, message: 'an entry must be an object' });
      continue;
    }
    const fields: Record<string, unknown> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (key in fields) errors.push({ line: lineOf((pair.key as Node | null)?.range?.[0]) ?? line, field: key, message: 'appears twice in the entry' });
      fields[key] = fieldValue(pair.value);
    }
    rows.push({ line, fields });
  }
  return { rows, errors };
}
