import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the background thread copies the WAL's new frames into the database file. */
const EVERY_MS = 100;
/**
 * WAL pages at which the writer checkpoints by itself again, as SQLite does by default at 1,000: only when the
 * background thread falls far behind (or is gone), so the WAL stays bounded (≈ 40 MB at 4 KB pages).
 */
const WRITER_BACKSTOP_PAGES = 10_000;
const SQLITE_DEFAULT_PAGES = 1_000;

/**
 * Runs in the worker: its own connection to the file, a PASSIVE checkpoint every `EVERY_MS`. PASSIVE never
 * waits for the writer or readers; what it cannot copy yet it copies next time. With nothing new it does no
 * I/O. Plain CommonJS, so it runs the same from the TypeScript sources and from the bundle.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
// Asked to stop: with the timer and the port gone, the thread has nothing left and exits.
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the thread once its checkpoint under way (if any) is done, and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Moves a WAL database's checkpoints off the writer's thread. SQLite checkpoints at the end of the commit
 * that crosses 1,000 WAL pages, in that commit's thread: it copies the pages into the database file and
 * fsyncs both files, 10–15 ms here, during which the event loop serves nothing. A thread of its own does
 * that beside the writer instead; the writer keeps a backstop of its own for a thread that fell behind.
 * Durability is unchanged: a commit is in the WAL either way, and a checkpoint is only a copy.
 */
export function startCheckpointer(writer: Database.Database): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file: writer.name, everyMs: EVERY_MS },
  });
  // A process may end without closing its store: the thread must not keep it alive.
  worker.unref();
  writer.pragma(`wal_autocheckpoint = ${WRITER_BACKSTOP_PAGES}`);
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      // Gone unasked: the writer checkpoints again as SQLite's default has it.
      if (!stopping && writer.open) writer.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
      resolve();
    }),
  );
  // A failed thread exits next; its exit restores the writer's own checkpoints.
  worker.on('error', () => {});
  return {
    stop() {
      stopping = true;
      // Whoever awaits the close is waiting on the thread alone: it must keep the process alive until it exits.
      worker.ref();
      worker.postMessage('stop');
      return exited;
    },
  };
}
