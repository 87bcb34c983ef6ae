import { matches, valueAt } from '../query';
import { WixValidationError } from '../wire';

/**
 * An offset-paged Wix query, the kind members and contacts use: the SDK builder sends
 * `{filter, sort, paging: {offset, limit}}` and pages by resending the whole query with a new offset.
 */
export interface OffsetQuery {
  filter?: Record<string, unknown> | null;
  sort?: { fieldName: string; order?: 'ASC' | 'DESC' }[] | null;
  /** The typed (non-builder) form's name for `sort`. */
  sorting?: { fieldName: string; order?: 'ASC' | 'DESC' }[] | null;
  paging?: { offset?: number | string | null; limit?: number | string | null } | null;
}

export interface OffsetMetadata {
  count: number;
  offset: number;
  total: number;
  tooManyToCount: boolean;
}

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = a === undefined || a === null ? '' : String(a);
  const sb = b === undefined || b === null ? '' : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function nonNegativeInt(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new WixValidationError([
      { field, description: 'must be a non-negative integer', violatedRule: 'FORMAT' },
    ]);
  }
  return n;
}

/** Filters, sorts and offset-pages documents; `match` lets a collection widen how a filter sees a document. */
export function runOffsetQuery<T>(
  docs: T[],
  query: OffsetQuery | undefined,
  match: (doc: T, filter: Record<string, unknown> | null | undefined) => boolean = matches,
): { items: T[]; metadata: OffsetMetadata } {
  const offset = nonNegativeInt(query?.paging?.offset, 'query.paging.offset', 0);
  const limit = Math.min(
    nonNegativeInt(query?.paging?.limit, 'query.paging.limit', DEFAULT_LIMIT),
    MAX_LIMIT,
  );
  const sort = query?.sort ?? query?.sorting ?? [];
  const filtered = docs.filter((d) => match(d, query?.filter));
  const sorted = [...filtered].sort((a, b) => {
    for (const { fieldName, order } of sort) {
      const diff = compare(valueAt(a, fieldName), valueAt(b, fieldName));
      if (diff !== 0) return order === 'DESC' ? -diff : diff;
    }
    return 0;
  });
  const items = sorted.slice(offset, offset + limit);
  return { items, metadata: { count: items.length, offset, total: filtered.length, tooManyToCount: false } };
}
