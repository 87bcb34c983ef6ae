import { mkdirSync } from 'node:fs';
import type { Store } from '../core/ports/store';
import type { Config } from '../server/env';
import { createStore } from '../store';

/** The app's own store, as the server opens it (SQLite under DATA_DIR, or DATABASE_URL). */
export function storeForCli(config: Config): Promise<Store> {
  if (config.database.kind === 'postgres') return createStore({ databaseUrl: config.database.url });
  mkdirSync(config.dataDir, { recursive: true });
  return createStore({ sqliteFile: config.database.file });
}

export const baseUrlOf = (config: Config) => `http://${config.host}:${config.port}`;
