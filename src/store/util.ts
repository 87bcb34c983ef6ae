import type { Insertable, InsertObject, Kysely } from 'kysely';
import type { DB } from './schema';

/** Repos take either the root Kysely or a Transaction (which is a Kysely too). */
export type Executor = Kysely<DB>;

/** Runs `fn` in a transaction, joining the caller's when `db` already is one. */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/**
 * Writes the row named by `key` (its columns are the table's unique key): inserted with `values`, or its
 * `values` replaced when it exists. One statement, so racing writers end with one row.
 */
export async function upsert<T extends keyof DB & string, K extends keyof Insertable<DB[T]> & string>(
  db: Executor,
  table: T,
  key: Pick<Insertable<DB[T]>, K>,
  values: Omit<Insertable<DB[T]>, K>,
): Promise<void> {
  // Kysely cannot follow a generic table name through its builders: the signature above carries the types.
  const row = { ...key, ...values } as unknown as InsertObject<DB, T>;
  await db
    .insertInto(table)
    .values(row)
    .onConflict((oc) => oc.columns(Object.keys(key) as never).doUpdateSet(values as never))
    .execute();
}

/** ISO text → epoch ms; refuses unparsable timestamps rather than storing NaN. */
export function toMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`invalid timestamp: ${iso}`);
  return ms;
}

export const toIso = (ms: number): string => new Date(ms).toISOString();

export const toFlag = (value: boolean): number => (value ? 1 : 0);

/** Rows a write touched; Kysely reports bigint counts. */
export const affected = (n: bigint | undefined): number => Number(n ?? 0n);
