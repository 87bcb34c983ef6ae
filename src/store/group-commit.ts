import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Checkpointer } from './checkpointer';
import { loopLoad } from './loop-load';

/** What a store on a file keeps beside its writer connection. */
export interface Sidecars {
  /** A second connection to the file, for reads outside a transaction. */
  reader: Database.Database;
  /** The thread that checkpoints the file's WAL. */
  checkpointer: Checkpointer;
}

/**
 * Group commit for the app's SQLite store. On a file, what a write costs is mostly its commit: every page it
 * dirtied goes to the WAL as a frame, and the write lock is taken and dropped. Concurrent requests' writes
 * share pages (a table's last leaf, a small table like the leases), so this driver runs the writes that
 * arrive together in one SQLite transaction and commits them at once: those of one turn of the event loop
 * when the loop is busy, else those of one piece of work (`#schedule`).
 *
 * Nothing is observed before it is durable: a statement runs at once, but its result (rows, an error) is
 * handed back only after the shared transaction committed; if the commit fails, every statement in it fails.
 * So to each caller it is as if its statement had committed alone, in the order they ran. An explicit
 * transaction (Kysely's `transaction()`) is a savepoint in the shared transaction and runs alone while open:
 * its own statements see its writes at once, and its commit resolves once the shared transaction committed.
 * A read outside a transaction runs at once on `reader`, a second connection to the file (WAL lets it read
 * beside the writer), and so sees only committed rows, with no wait for the batch: a caller's own earlier
 * writes are committed by the time it learned of them. Without a reader (in memory) a read waits for the
 * batch when one is open.
 */
export class GroupCommitDialect implements Dialect {
  readonly #db: Database.Database;
  readonly #sidecars: Sidecars | null;

  constructor(db: Database.Database, sidecars: Sidecars | null = null) {
    this.#db = db;
    this.#sidecars = sidecars;
  }

  createDriver(): Driver {
    return new GroupCommitDriver(this.#db, this.#sidecars);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's introspector takes any database type.
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}

/** Distinct SQL texts kept prepared; the app has a few hundred, `IN (…)` lists of every length add more. */
const MAX_STATEMENTS = 1_000;

/** Per database file, the store of this process whose batch holds its write lock, and who waits for it. */
const writers = new Map<string, { holder: GroupCommitDriver; waiters: Array<() => void> }>();

/** Writes that committed together, or failed together. */
class Batch {
  readonly #waiting: Array<{ settle: () => void; fail: (error: unknown) => void }> = [];
  failure: unknown = null;

  /** Resolves with `outcome` (or throws its error) once this batch committed. */
  after<T>(outcome: () => T): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({
        settle: () => {
          try {
            resolve(outcome());
          } catch (error) {
            reject(error);
          }
        },
        fail: reject,
      });
    });
  }

  committed(): void {
    for (const w of this.#waiting) w.settle();
  }

  failed(error: unknown): void {
    this.failure = error;
    for (const w of this.#waiting) w.fail(error);
  }
}

/**
 * One prepared statement per SQL text and connection: compiling the SQL costs more than running it (SQLite
 * re-prepares one itself when the schema changes). Statements run to completion synchronously, so a shared
 * one is never busy when it is reused.
 */
class Prepared {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  get(text: string): Database.Statement {
    let statement = this.#statements.get(text);
    if (!statement) {
      if (this.#statements.size >= MAX_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(text);
      this.#statements.set(text, statement);
    }
    return statement;
  }
}

class GroupCommitDriver implements Driver {
  readonly #db: Database.Database;
  readonly #prepared: Prepared;
  readonly #reader: { db: Database.Database; prepared: Prepared } | null;
  readonly #checkpointer: Checkpointer | null;
  #batch: Batch | null = null;
  #flushScheduled = false;
  /** The explicit transaction open now; others wait their turn. */
  #owner: Connection | null = null;
  readonly #queue: Array<() => void> = [];
  /** The database file; null in memory. */
  readonly #file: string | null;

  constructor(db: Database.Database, sidecars: Sidecars | null) {
    this.#db = db;
    this.#prepared = new Prepared(db);
    this.#reader = sidecars ? { db: sidecars.reader, prepared: new Prepared(sidecars.reader) } : null;
    this.#checkpointer = sidecars?.checkpointer ?? null;
    this.#file = db.memory ? null : resolve(db.name);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Connection(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const conn = connection as Connection;
    // Checked and taken in one step: no other caller can slip in between.
    while (!this.#mayWrite()) await this.#nextWriteTurn();
    this.#owner = conn;
    try {
      conn.batch = this.#open();
      this.#exec('savepoint kysely_tx');
    } catch (error) {
      this.#endTransaction();
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const batch = this.#inTransaction(connection);
    try {
      this.#exec('release kysely_tx');
    } catch (error) {
      this.#undoTransaction(batch);
      throw error;
    } finally {
      this.#endTransaction();
    }
    return batch.after(() => undefined);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const batch = (connection as Connection).batch;
    if (!batch || this.#owner !== connection) return;
    try {
      this.#undoTransaction(batch);
    } finally {
      this.#endTransaction();
    }
    // What it read may have been other writes of the batch: its failure is reported once those are durable.
    await batch.after(() => undefined).catch(() => undefined);
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    while (this.#owner) await this.#nextTurn();
    if (this.#batch) this.#flush();
    await this.#checkpointer?.stop();
    this.#db.close();
    this.#reader?.db.close();
  }

  /** One statement of `connection`: inside its explicit transaction at once, else in the shared batch. */
  async execute<R>(connection: Connection, query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = this.#prepared.get(query.sql);
    if (connection.batch) {
      const batch = this.#inTransaction(connection);
      try {
        return run<R>(statement, query.parameters);
      } catch (error) {
        if (!this.#db.inTransaction) this.#fail(batch, error);
        throw error;
      }
    }
    if (statement.readonly && this.#reader) {
      return run<R>(this.#reader.prepared.get(query.sql), query.parameters);
    }
    while (this.#owner) await this.#nextTurn();
    if (!this.#batch && statement.readonly) return run<R>(statement, query.parameters);
    while (!this.#mayWrite()) await this.#nextWriteTurn();
    const batch = this.#open();
    try {
      const result = run<R>(statement, query.parameters);
      return batch.after(() => result);
    } catch (error) {
      // A failed statement undoes only itself; an error that ended the whole transaction fails the batch.
      if (!this.#db.inTransaction) this.#fail(batch, error);
      return batch.after(() => {
        throw error;
      });
    }
  }

  /** Undoes the explicit transaction's writes; the batch's other writes stay. */
  #undoTransaction(batch: Batch): void {
    if (batch.failure) return;
    this.#exec('rollback to kysely_tx');
    this.#exec('release kysely_tx');
  }

  #inTransaction(connection: DatabaseConnection): Batch {
    const batch = (connection as Connection).batch;
    if (!batch || this.#owner !== connection) throw new Error('not in a transaction');
    if (batch.failure) throw batch.failure;
    return batch;
  }

  #exec(text: string): void {
    this.#prepared.get(text).run();
  }

  /** The batch writes join: opened (write lock taken) by the first, committed once this turn is over. */
  #open(): Batch {
    if (this.#batch) return this.#batch;
    this.#exec('begin immediate');
    this.#batch = new Batch();
    if (this.#file) writers.set(this.#file, { holder: this, waiters: [] });
    this.#schedule();
    return this.#batch;
  }

  /**
   * When the batch commits. On a loop busy all the time, at the end of this turn: the writes of every request
   * served in the turn share the commit, and the CPU that saves is what limits throughput then. Otherwise as
   * soon as the work that wrote has run out (the microtasks it started have drained): waiting for the turn's
   * end would only add latency, a loop turn per write, which a request writing several times one after another
   * pays each time; on a calm loop few requests write in the same turn anyway.
   */
  #schedule(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    const flush = () => {
      this.#flushScheduled = false;
      // An explicit transaction still open commits the batch when it ends.
      if (!this.#owner) this.#flush();
    };
    if (loopLoad.busy()) setImmediate(flush);
    // A tick queued from a microtask runs once the microtask queue is empty: after the writer's own follow-ups.
    else queueMicrotask(() => process.nextTick(flush));
  }

  #flush(): void {
    const batch = this.#batch;
    if (!batch) return;
    this.#ended();
    try {
      this.#exec('commit');
    } catch (error) {
      this.#fail(batch, error);
      return;
    }
    batch.committed();
  }

  #fail(batch: Batch, error: unknown): void {
    if (this.#db.inTransaction) this.#db.prepare('rollback').run();
    if (this.#batch === batch) this.#ended();
    batch.failed(error);
  }

  /** No batch open any more: another store of this process on the same file may write. */
  #ended(): void {
    this.#batch = null;
    const writer = this.#file ? writers.get(this.#file) : undefined;
    if (writer?.holder !== this || !this.#file) return;
    writers.delete(this.#file);
    for (const wake of writer.waiters) wake();
  }

  /**
   * Whether a write may run now: no explicit transaction is open, and no other store of this process holds
   * the file's write lock. (That one commits on a later turn of this same event loop: waiting for the lock
   * in SQLite's busy handler would block the loop and so never see it released.)
   */
  #mayWrite(): boolean {
    if (this.#owner) return false;
    if (this.#batch || !this.#file) return true;
    const writer = writers.get(this.#file);
    return !writer || writer.holder === this;
  }

  #nextWriteTurn(): Promise<void> {
    if (this.#owner) return this.#nextTurn();
    const writer = this.#file ? writers.get(this.#file) : undefined;
    if (!writer) return Promise.resolve();
    return new Promise<void>((resolve) => writer.waiters.push(resolve));
  }

  /** Resolves when the open explicit transaction ends; the caller checks again (another may have begun). */
  #nextTurn(): Promise<void> {
    return new Promise<void>((resolve) => this.#queue.push(resolve));
  }

  #endTransaction(): void {
    if (this.#owner) this.#owner.batch = null;
    this.#owner = null;
    if (this.#batch) this.#schedule();
    for (const wake of this.#queue.splice(0)) wake();
  }
}

class Connection implements DatabaseConnection {
  readonly #driver: GroupCommitDriver;
  /** Set while this connection runs an explicit transaction: the batch it is a savepoint of. */
  batch: Batch | null = null;

  constructor(driver: GroupCommitDriver) {
    this.#driver = driver;
  }

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#driver.execute<R>(this, query);
  }

  // biome-ignore lint/correctness/useYield: the app streams no query; Kysely's interface asks for one.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported by the SQLite store');
  }
}

function run<R>(statement: Database.Statement, parameters: readonly unknown[]): QueryResult<R> {
  if (statement.reader) return { rows: statement.all(parameters) as R[] };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return {
    numAffectedRows: BigInt(changes),
    insertId: BigInt(lastInsertRowid),
    rows: [],
  };
}
