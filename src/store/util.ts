import type { Kysely } from 'kysely';
import type { DB } from './schema';

/** Repos take either the root Kysely or a Transaction (which is a Kysely too). */
export type Executor = Kysely<DB>;

/** Runs `fn` in a transaction, joining the caller's when `db` already is one. */
export function inTransaction<T>(db: Executor, fn: (trx: Executor) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
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
