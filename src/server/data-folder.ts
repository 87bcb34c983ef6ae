import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Config } from './env';

/** Who holds a data folder: a server (with its URL once it listens) or a CLI working on the files. */
const ownerSchema = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  url: z.string().nullable(),
  startedAt: z.string(),
});
export type Owner = z.infer<typeof ownerSchema>;

export interface DataFolderClaim {
  /** Announces the URL this owner serves at, for CLIs to go through. */
  serving(url: string): void;
  release(): void;
}

export type ClaimOutcome = { claim: DataFolderClaim } | { server: Owner & { url: string } };

/** A data folder held by another process past the wait. */
export class DataFolderBusy extends Error {}

// The lock is an exclusive SQLite transaction held open: the kernel drops it when the process ends, however
// it ends (kill -9 included), so there is no stale lock to detect and no take-over race. The owner file only
// says who holds it.
const LOCK_FILE = 'server.lock';
const OWNER_FILE = 'server.json';

/**
 * Whether this configuration keeps state in DATA_DIR that a process caches or writes: the embedded SQLite
 * store, the embedded local Wix, the sandbox's files. Such a folder has one owner. A server on PostgreSQL with
 * a shared local Wix (WIX_EMULATOR_URL) and the sandbox in memory keeps none, and several may share the work.
 */
export function keepsStateInDataDir(config: Config): boolean {
  return (
    config.database.kind === 'sqlite' ||
    config.wix.mode === 'emulator' ||
    config.expys.sandboxStorage === 'file'
  );
}

/**
 * Claims the data folder for this process, or finds the server that owns it. While another process holds it
 * without serving (a server still starting, a CLI on the files), waits up to `waitMs` for it to serve or let go.
 */
export async function claimDataFolder(
  dataDir: string,
  command: string,
  waitMs = 60_000,
): Promise<ClaimOutcome> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const lock = tryLock(join(dataDir, LOCK_FILE));
    if (lock) return { claim: claimed(dataDir, command, lock) };
    const owner = ownerOf(dataDir);
    if (owner?.url) return { server: { ...owner, url: owner.url } };
    if (Date.now() > deadline) {
      const who = owner ? `pid ${owner.pid} (${owner.command})` : 'another process';
      throw new DataFolderBusy(`data folder ${dataDir} is busy: held by ${who}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The one line a second server prints before it refuses to start. */
export const inUseMessage = (dataDir: string, owner: Owner & { url: string }) =>
  `data folder ${dataDir} is in use by the server with pid ${owner.pid} at ${owner.url} (since ${owner.startedAt}): ` +
  'stop it, or set another DATA_DIR';

function tryLock(file: string): Database.Database | null {
  const db = new Database(file, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return null;
    throw err;
  }
}

function claimed(dataDir: string, command: string, lock: Database.Database): DataFolderClaim {
  const owner: Owner = { pid: process.pid, command, url: null, startedAt: new Date().toISOString() };
  writeOwner(dataDir, owner);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    if (ownerOf(dataDir)?.pid === process.pid) rmSync(join(dataDir, OWNER_FILE), { force: true });
    lock.close();
  };
  // Any exit path (a CLI's usage error, a failed start) lets go; a killed process loses the lock anyway.
  process.once('exit', release);
  return {
    serving: (url) => writeOwner(dataDir, { ...owner, url }),
    release,
  };
}

/** Written whole or not at all: a reader never sees half a file. */
function writeOwner(dataDir: string, owner: Owner): void {
  const file = join(dataDir, OWNER_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(owner)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}

/** The holder the owner file names, when that process is alive (a dead one's file is left-over). */
function ownerOf(dataDir: string): Owner | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
  const owner = ownerSchema.safeParse(parsed);
  return owner.success && isAlive(owner.data.pid) ? owner.data : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
