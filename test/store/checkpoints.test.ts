import { mkdtempSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createStore } from '../../src/store';
import { runTs } from '../support/processes';
import { redemption, event as statusEvent } from './contract/fixtures';

// The SQLite store's WAL is checkpointed beside the writer (src/store/checkpointer.ts). SQLite's own
// checkpoint runs in the commit that crosses 1,000 WAL pages, or when the last connection closes: so a
// database file that holds a few commits' pages while the store is open and idle was checkpointed by
// someone else than its writer.
const dir = mkdtempSync(join(tmpdir(), 'rb-checkpoints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The database's size as SQLite sees it (the WAL included), in bytes. */
function logicalSize(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (
      Number(db.pragma('page_count', { simple: true })) * Number(db.pragma('page_size', { simple: true }))
    );
  } finally {
    db.close();
  }
}

/** This process's open descriptors of `file` (Linux: /proc/self/fd). */
function openHandles(file: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false; // closed meanwhile (the listing's own descriptor, say)
    }
  }).length;
}

describe('SQLite store: WAL checkpoints', () => {
  it('copies committed pages into the database file while the writer is idle', async () => {
    const file = join(dir, 'app.db');
    const store = await createStore({ sqliteFile: file });
    const rows = Array.from({ length: 200 }, () => redemption());
    await Promise.all(rows.map((r) => store.redemptions.insert(r, statusEvent(r, 'SUBMITTED'))));
    const size = logicalSize(file);
    // Far below SQLite's own 1,000-page mark: the writer would have left all of it in the WAL.
    expect(size / 4096).toBeLessThan(500);
    await vi.waitFor(() => expect(statSync(file).size).toBe(size), { timeout: 5_000, interval: 50 });
    // Still open, and what it wrote reads back.
    expect((await store.redemptions.get(rows[0]?.id ?? ''))?.id).toBe(rows[0]?.id);
    await store.close();
  });

  it("closes every connection to the file with the store, the thread's too; the file stays whole", async () => {
    const file = join(dir, 'closed.db');
    const store = await createStore({ sqliteFile: file });
    const r = redemption();
    await store.redemptions.insert(r, statusEvent(r, 'SUBMITTED'));
    // The writer, the reader and the checkpointing thread.
    await vi.waitFor(() => expect(openHandles(file)).toBe(3));
    await store.close();
    expect(openHandles(file)).toBe(0);
    const again = await createStore({ sqliteFile: file });
    expect((await again.redemptions.get(r.id))?.status).toBe('SUBMITTED');
    await again.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('a process that awaits the close lives until it is done; one that never closes still ends', async () => {
    const scriptOf = (name: string, close: boolean) => {
      const script = join(dir, `${name}.mts`);
      writeFileSync(
        script,
        `import { createStore } from ${JSON.stringify(join(process.cwd(), 'src/store'))};
const store = await createStore({ sqliteFile: ${JSON.stringify(join(dir, `${name}.db`))} });
${close ? 'await store.close();' : ''}
process.stdout.write('done');`,
      );
      return script;
    };
    expect(await runTs(scriptOf('awaits-close', true), [], {})).toMatchObject({ code: 0, stdout: 'done' });
    // The thread is still running here: if it held the event loop, this would never exit.
    expect(await runTs(scriptOf('never-closes', false), [], {})).toMatchObject({ code: 0, stdout: 'done' });
  });
});
