import { ValidationError } from '#vorch/contracts';

/** Keyset cursors: the last row's key, base64url JSON; opaque to callers. */
export function encodeCursor(key: string[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key a cursor holds, or null without one; a cursor this API did not hand out is a bad `cursor` field. */
export function decodeCursor(cursor: string | undefined, size: number): string[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === size && key.every((k) => typeof k === 'string')) return key as string[];
  } catch {
    // reported below, like any other foreign cursor
  }
  throw new ValidationError([{ field: 'cursor', message: 'is not a cursor this API returned' }]);
}

/** Rows were fetched with limit + 1: the extra one only tells that there is a next page. */
export function page<T>(rows: T[], limit: number, key: (t: T) => string[]): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit && items.length ? encodeCursor(key(items.at(-1)!)) : null };
}
