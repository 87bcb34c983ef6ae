import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/core/clock';
import { createEmulator, type Emulator } from '../../src/emulator/app';
import { addSiteMember } from '../../src/emulator/members/site-members';
import { buildApp, type Running } from '../../src/server/container';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/logger';
import { createStore } from '../../src/store';
import { type AppClient, appClient } from './app-client';
import { type Listening, listen } from './servers';

export type { CallResult } from './app-client';

export interface BenchApp extends AppClient {
  running: Running;
  /** The in-process local Wix (its `latency` dial turns the Wix delay on and off). */
  emulator: Emulator;
  /** The app served on loopback. */
  server: Listening;
  /** Where the app's own state lives (read-only checks open it beside the app). */
  storeFile: string;
  close(): Promise<void>;
}

/**
 * The real app, as `npm start` builds it but quiet: app store in a SQLite file (WAL, the embedded
 * default), the local Wix in memory and in-process behind the real SDK, served on a free loopback port.
 * One per process: the app registers its Wix clients as the process-wide SDK context.
 */
export async function startBenchApp(): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rb-bench-'));
  const storeFile = join(dataDir, 'app.sqlite');
  const config = parseEnv({
    DATA_DIR: dataDir,
    LOCAL_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    LOG_LEVEL: 'silent',
  });
  const emulator = createEmulator({});
  const store = await createStore({ sqliteFile: storeFile });
  const running = await buildApp(config, createLogger('silent'), { emulator, store });
  const server = await listen(running.app.fetch);
  const client = await appClient({
    request: async (path, init) => running.app.request(path, init),
    wix: running.wix,
    addSiteMember: (id) => {
      addSiteMember({ store: emulator.store, clock: systemClock }, { id, email: `${id}@bench.example` });
    },
  });
  return {
    ...client,
    running,
    emulator,
    server,
    storeFile,
    async close() {
      await server.close();
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
