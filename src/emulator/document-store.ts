import Database from 'better-sqlite3';
import { narrowSqliteSidecars, prepareSqliteFile } from '../store/private-files';

/** A JSON document with a string id, as the local Wix keeps its entities. */
export type Doc = { id: string } & Record<string, unknown>;

export interface DocumentReader {
  get<T extends Doc>(collection: string, id: string): T | undefined;
  all<T extends Doc>(collection: string): T[];
}

export interface DocumentWriter extends DocumentReader {
  put<T extends Doc>(collection: string, doc: T): T;
  delete(collection: string, id: string): void;
}

/**
 * The local Wix's durable state: every collection lives in memory for fast reads and is written through to
 * SQLite, so a restart finds the same entities. Handlers are synchronous and run each write inside
 * `transact`, which makes every emulated API call atomic (one process, no interleaving).
 * Documents handed out are shared: treat them as read-only and `put` a new object to change one.
 */
export class DocumentStore implements DocumentReader {
  readonly #db: Database.Database;
  readonly #collections = new Map<string, Map<string, Doc>>();
  readonly #upsert: Database.Statement;
  readonly #remove: Database.Statement;

  constructor(file = ':memory:') {
    prepareSqliteFile(file);
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    narrowSqliteSidecars(file);
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS documents (seq INTEGER PRIMARY KEY AUTOINCREMENT, collection TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (collection, id))',
    );
    this.#upsert = this.#db.prepare(
      'INSERT INTO documents (collection, id, body) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body',
    );
    this.#remove = this.#db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
    const rows = this.#db.prepare('SELECT collection, body FROM documents ORDER BY seq').all() as {
      collection: string;
      body: string;
    }[];
    for (const row of rows) {
      const doc = JSON.parse(row.body) as Doc;
      this.#collection(row.collection).set(doc.id, doc);
    }
  }

  get<T extends Doc>(collection: string, id: string): T | undefined {
    return this.#collections.get(collection)?.get(id) as T | undefined;
  }

  all<T extends Doc>(collection: string): T[] {
    return [...(this.#collections.get(collection)?.values() ?? [])] as T[];
  }

  /** Runs `fn` atomically: its writes become visible (and durable) together, or not at all if it throws. */
  transact<R>(fn: (tx: DocumentWriter) => R): R {
    const staged = new Map<string, Map<string, Doc | null>>();
    const stagedIn = (collection: string) => {
      let map = staged.get(collection);
      if (!map) {
        map = new Map();
        staged.set(collection, map);
      }
      return map;
    };
    const tx: DocumentWriter = {
      get: <T extends Doc>(collection: string, id: string) => {
        const pending = staged.get(collection)?.get(id);
        if (pending !== undefined) return (pending ?? undefined) as T | undefined;
        return this.get<T>(collection, id);
      },
      all: <T extends Doc>(collection: string) => {
        const pending = staged.get(collection);
        if (!pending) return this.all<T>(collection);
        const merged = new Map(this.#collections.get(collection) ?? []);
        for (const [id, doc] of pending) {
          if (doc === null) merged.delete(id);
          else merged.set(id, doc);
        }
        return [...merged.values()] as T[];
      },
      put: <T extends Doc>(collection: string, doc: T) => {
        stagedIn(collection).set(doc.id, doc);
        return doc;
      },
      delete: (collection: string, id: string) => {
        stagedIn(collection).set(id, null);
      },
    };
    const result = fn(tx);
    if (staged.size === 0) return result;
    this.#db.transaction(() => {
      for (const [collection, docs] of staged) {
        for (const [id, doc] of docs) {
          if (doc === null) this.#remove.run(collection, id);
          else this.#upsert.run(collection, id, JSON.stringify(doc));
        }
      }
    })();
    for (const [collection, docs] of staged) {
      const live = this.#collection(collection);
      for (const [id, doc] of docs) {
        if (doc === null) live.delete(id);
        else live.set(id, doc);
      }
    }
    return result;
  }

  close(): void {
    this.#db.close();
  }

  #collection(name: string): Map<string, Doc> {
    let map = this.#collections.get(name);
    if (!map) {
      map = new Map();
      this.#collections.set(name, map);
    }
    return map;
  }
}
