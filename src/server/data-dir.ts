import { createHmac } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { narrowToOwner } from '../store/private-files';
import type { Config } from './env';
import { localAuthSecret } from './local-secret';

const PRIVATE_DIR_MODE = 0o700;

/**
 * DATA_DIR (a folder of its own) holds secrets, webhook signing keys and members' data: the folder is
 * owner-only (0700) and so is every file the app keeps in it (0600). Files are created that way; this also
 * narrows what an older version left looser. The app keeps no sub-folders there, so none are walked.
 */
export function securePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) narrowToOwner(join(dir, entry.name));
  }
}

/**
 * The key signing secrets are sealed with at rest: DATA_ENCRYPTION_KEY, or one derived from the local
 * auth secret (LOCAL_AUTH_SECRET, or its generated 0600 file in DATA_DIR). Never the database's own.
 */
export function dataEncryptionKey(config: Config): string {
  if (config.dataEncryptionKey) return config.dataEncryptionKey;
  const base = localAuthSecret(config.localAuthSecret, config.dataDir);
  return createHmac('sha256', base).update('data-encryption-key').digest('base64url');
}
