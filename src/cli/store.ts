import type { Store } from '../core/ports/store';
import { dataEncryptionKey, securePrivateDir } from '../server/data-dir';
import type { Config } from '../server/env';
import { createStore } from '../store';

/** The app's own store, as the server opens it (SQLite under DATA_DIR, or DATABASE_URL). */
export function storeForCli(config: Config): Promise<Store> {
  securePrivateDir(config.dataDir);
  const secretKey = dataEncryptionKey(config);
  if (config.database.kind === 'postgres')
    return createStore({ databaseUrl: config.database.url, secretKey });
  return createStore({ sqliteFile: config.database.file, secretKey });
}

export const baseUrlOf = (config: Config) => `http://${config.host}:${config.port}`;
