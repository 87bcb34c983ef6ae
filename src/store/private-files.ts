import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';

/** Data files hold secrets and members' data: owner only. */
export const PRIVATE_FILE_MODE = 0o600;

/** Narrows `file` to owner-only access when it is looser (a file made before this rule, or by a umask). */
export function narrowToOwner(file: string): void {
  if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
}

const onDisk = (file: string) => file !== '' && file !== ':memory:' && !file.startsWith('file:');

/**
 * Before SQLite opens `file`: creates it empty and owner-only when missing (SQLite gives its -wal and -shm
 * files the database file's mode), and narrows it when looser.
 */
export function prepareSqliteFile(file: string): void {
  if (!onDisk(file)) return;
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  narrowToOwner(file);
}

/** After SQLite opened `file`: its -wal and -shm files, which may predate the rule. */
export function narrowSqliteSidecars(file: string): void {
  if (!onDisk(file)) return;
  for (const suffix of ['-wal', '-shm', '-journal']) narrowToOwner(`${file}${suffix}`);
}
