import { WixValidationError } from './wire';

/** A Wix query as the SDK sends it: `{filter?, sort?, cursorPaging?}` (field names already REST-side). */
export interface WixQuery {
  filter?: Record<string, unknown> | null;
  sort?: { fieldName: string; order?: 'ASC' | 'DESC' }[] | null;
  cursorPaging?: { limit?: number | string; cursor?: string | null } | null;
}

export interface PagingMetadata {
  count: number;
  cursors: { next: string | null; prev: string | null };
  hasNext: boolean;
}

interface CursorState {
  f: Record<string, unknown> | null;
  s: NonNullable<WixQuery['sort']>;
  o: number;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/**
 * Reads a dotted path (`beneficiary.memberId`, `pool.id`) from a document. Through an array it collects the
 * values of every element (`details.benefits.itemSetId` → all item set ids), which `$hasSome`/`$in`/equality
 * then match against.
 */
export function valueAt(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (Array.isArray(current)) {
      current = current.flatMap((element) => {
        const value = valueAt(element, part);
        return value === undefined ? [] : Array.isArray(value) ? value : [value];
      });
      continue;
    }
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const numeric = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

function compare(a: unknown, b: unknown): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  const sa = a === undefined || a === null ? '' : String(a);
  const sb = b === undefined || b === null ? '' : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

const equal = (a: unknown, b: unknown): boolean => {
  if (Array.isArray(a) && !Array.isArray(b)) return a.some((element) => equal(element, b));
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b || (numeric(a) !== undefined && typeof a === typeof b && compare(a, b) === 0);
};

function matchOperator(actual: unknown, op: string, expected: unknown): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
  switch (op) {
    case '$eq':
      return equal(actual, expected);
    case '$ne':
      return !equal(actual, expected);
    case '$in':
      return list.some((v) => equal(actual, v));
    case '$nin':
      return !list.some((v) => equal(actual, v));
    case '$gt':
      return actual !== undefined && actual !== null && compare(actual, expected) > 0;
    case '$gte':
      return actual !== undefined && actual !== null && compare(actual, expected) >= 0;
    case '$lt':
      return actual !== undefined && actual !== null && compare(actual, expected) < 0;
    case '$lte':
      return actual !== undefined && actual !== null && compare(actual, expected) <= 0;
    case '$exists':
      return (actual !== undefined && actual !== null) === Boolean(expected);
    case '$hasSome': {
      const values = Array.isArray(actual) ? actual : [actual];
      return list.some((v) => values.some((a) => equal(a, v)));
    }
    case '$hasAll': {
      const values = Array.isArray(actual) ? actual : [actual];
      return list.every((v) => values.some((a) => equal(a, v)));
    }
    case '$startsWith':
      return typeof actual === 'string' && actual.startsWith(String(expected));
    case '$endsWith':
      return typeof actual === 'string' && actual.endsWith(String(expected));
    case '$contains':
      return typeof actual === 'string' && actual.includes(String(expected));
    default:
      throw new WixValidationError([{ field: 'query.filter', description: `unsupported operator ${op}` }]);
  }
}

/** Evaluates a Wix filter (`$and`, `$or`, `$not`, field conditions with operators) against one document. */
export function matches(doc: unknown, filter: Record<string, unknown> | null | undefined): boolean {
  if (!filter) return true;
  for (const [key, condition] of Object.entries(filter)) {
    if (key === '$and') {
      if (!(condition as Record<string, unknown>[]).every((f) => matches(doc, f))) return false;
    } else if (key === '$or') {
      if (!(condition as Record<string, unknown>[]).some((f) => matches(doc, f))) return false;
    } else if (key === '$not') {
      if (matches(doc, condition as Record<string, unknown>)) return false;
    } else {
      const actual = valueAt(doc, key);
      const isOperatorObject =
        condition !== null &&
        typeof condition === 'object' &&
        !Array.isArray(condition) &&
        Object.keys(condition).length > 0 &&
        Object.keys(condition).every((k) => k.startsWith('$'));
      if (isOperatorObject) {
        for (const [op, expected] of Object.entries(condition as Record<string, unknown>)) {
          if (!matchOperator(actual, op, expected)) return false;
        }
      } else if (!equal(actual, condition)) {
        return false;
      }
    }
  }
  return true;
}

/**
 * Sorts by the query's fields; ties keep creation order, reversed when the first field sorts descending, so
 * "newest first" lists the latest entity first even when timestamps are equal.
 */
function sortDocs<T>(docs: T[], sort: NonNullable<WixQuery['sort']>): T[] {
  if (sort.length === 0) return docs;
  const tieOrder = sort[0]?.order === 'DESC' ? -1 : 1;
  return docs
    .map((doc, index) => ({ doc, index }))
    .sort((a, b) => {
      for (const { fieldName, order } of sort) {
        const diff = compare(valueAt(a.doc, fieldName), valueAt(b.doc, fieldName));
        if (diff !== 0) return order === 'DESC' ? -diff : diff;
      }
      return (a.index - b.index) * tieOrder;
    })
    .map(({ doc }) => doc);
}

const encodeCursor = (state: CursorState): string => Buffer.from(JSON.stringify(state)).toString('base64url');

function decodeCursor(cursor: string): CursorState {
  try {
    const state = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorState;
    if (typeof state.o !== 'number' || !Array.isArray(state.s)) throw new Error('bad cursor');
    return state;
  } catch {
    throw new WixValidationError([{ field: 'query.cursorPaging.cursor', description: 'invalid cursor' }]);
  }
}

/**
 * Filters, sorts and pages documents the way Wix cursor queries do. The cursor carries the filter, sort and
 * offset, because the SDK's `next()` resends only `{cursorPaging: {cursor, limit}}`.
 */
export function runQuery<T>(
  docs: T[],
  query: WixQuery | undefined,
): { items: T[]; metadata: PagingMetadata } {
  const paging = query?.cursorPaging ?? {};
  const limit = Math.min(Math.max(Number(paging.limit ?? DEFAULT_LIMIT) || DEFAULT_LIMIT, 1), MAX_LIMIT);
  const state: CursorState = paging.cursor
    ? decodeCursor(paging.cursor)
    : { f: query?.filter ?? null, s: query?.sort ?? [], o: 0 };
  const all = sortDocs(
    docs.filter((d) => matches(d, state.f)),
    state.s,
  );
  const items = all.slice(state.o, state.o + limit);
  const hasNext = state.o + limit < all.length;
  return {
    items,
    metadata: {
      count: items.length,
      cursors: {
        next: hasNext ? encodeCursor({ ...state, o: state.o + limit }) : null,
        prev: state.o > 0 ? encodeCursor({ ...state, o: Math.max(0, state.o - limit) }) : null,
      },
      hasNext,
    },
  };
}
