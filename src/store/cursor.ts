import { AppError } from '../core/errors';

type Key = readonly [number, string];

/** Opaque keyset cursor: base64url of the JSON `[number, id]` of the last item on the page. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor from `encodeCursor`; anything else is the client's mistake. */
export function decodeCursor(cursor: string): Key {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    typeof parsed[0] === 'number' &&
    Number.isFinite(parsed[0]) &&
    typeof parsed[1] === 'string'
  ) {
    return [parsed[0], parsed[1]];
  }
  throw new AppError('VALIDATION', 'Invalid cursor', { details: { field: 'cursor' } });
}

/** Page sizes are 1..100; out-of-range values are clamped rather than refused. */
export function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return 100;
  return Math.min(100, Math.max(1, Math.trunc(limit)));
}

/**
 * One page of a keyset query that fetched `limit + 1` rows: the extra row only says that more follow, and the
 * cursor is the key of the page's last item.
 */
export function pageOf<Row, Item>(
  rows: readonly Row[],
  limit: number,
  keyOf: (row: Row) => Key,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null,
  };
}
