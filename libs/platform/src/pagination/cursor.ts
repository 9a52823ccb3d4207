import { Problem } from '../errors/problem';

/**
 * Keyset pagination cursors: the sort key of the last row, opaque to clients.
 * Encoded as base64url JSON so a cursor survives any sort (dates, numbers, ranks).
 */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'cursor'): unknown[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity) return values;
  } catch {
    // fall through to the problem below
  }
  throw Problem.field(field, 'is not a cursor this list gave out');
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Turns `limit + 1` fetched rows into a page, with the cursor taken from the last row kept. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => unknown[],
  view: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return {
    items: kept.map(view),
    nextCursor: more ? encodeCursor(keyOf(kept[kept.length - 1])) : null,
  };
}
