import { readTreeRows, type ReadRows } from './read-tree-rows.js';

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** JSON is checked by the strict JSON parser first (YAML would accept what JSON refuses), then read for positions. */
export function readJsonRows(text: string): ReadRows {
  try {
    JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = /line (\d+)/.exec(message)?.[1];
    return { rows: [], errors: [{ line: line ? Number(line) : position ? lineAt(text, Number(position)) : 1, message: `not valid JSON: ${message}` }] };
  }
  return readTreeRows(text);
}
