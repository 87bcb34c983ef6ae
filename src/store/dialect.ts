import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { startCheckpointer } from './checkpointer';
import { GroupCommitDialect, type Sidecars } from './group-commit';
import { narrowSqliteSidecars, prepareSqliteFile } from './private-files';
import type { DB } from './schema';

export interface Opened {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL schema the tables live in (the connection's current schema). */
  schema?: string;
}

export function openSqlite(file: string): Opened {
  prepareSqliteFile(file);
  const database = new Database(file);
  // WAL lets readers in other processes run beside the writer; busy_timeout waits out their locks.
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 5000');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  // Writes share one transaction (group-commit.ts), where a statement that may fail midway keeps its undo
  // in a statement journal: in memory, not a temporary file written on every such statement.
  database.pragma('temp_store = MEMORY');
  narrowSqliteSidecars(file);
  return {
    db: new Kysely<DB>({ dialect: new GroupCommitDialect(database, sidecarsOf(database)) }),
    dialect: 'sqlite',
  };
}

/**
 * On a file: reads outside a transaction see committed rows on a second connection, beside the batch being
 * written (group-commit.ts), and the WAL is checkpointed on a thread of its own (checkpointer.ts).
 */
function sidecarsOf(database: Database.Database): Sidecars | null {
  if (database.memory) return null;
  const reader = new Database(database.name);
  reader.pragma('busy_timeout = 5000');
  return { reader, checkpointer: startCheckpointer(database) };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Epoch-ms timestamps are int8; parse them as numbers (exact up to 2^53) instead of pg's default strings. */
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) =>
    id === pg.types.builtins.INT8 && format !== 'binary' ? Number : pg.types.getTypeParser(id, format),
};

/**
 * @param schema when set, the pool's search_path is pinned to it and it is created if missing,
 *   so several apps (or test files) can share one database.
 */
export async function openPostgres(url: string, schema?: string): Promise<Opened> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const pool = new pg.Pool({
    connectionString: url,
    types,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // The pool drops a client whose server connection died; without a listener Node would crash.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createSchema(db, schema);
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    const current = rows[0]?.schema;
    if (!current) throw new Error('PostgreSQL connection has no current schema (check search_path)');
    return { db, dialect: 'postgres', schema: current };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

async function createSchema(db: Kysely<DB>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (error) {
    // Two processes creating it at once: the loser gets a unique violation although it now exists.
    const { rows } = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (rows.length === 0) throw error;
  }
}
