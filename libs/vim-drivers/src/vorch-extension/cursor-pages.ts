import type { DialectHttpClient } from '../http/dialect-http-client.js';

export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** Reads every page of a Vorch-extension list (`limit` + `cursor`, `next_cursor` null on the last page). */
export async function allCursorPages<T>(http: DialectHttpClient, path: string, query: Record<string, string | undefined>, signal?: AbortSignal): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await http.json<CursorPage<T>>({ method: 'GET', path, query: { ...query, limit: 1000, cursor }, signal });
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}
