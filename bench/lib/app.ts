import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/core/clock';
import { createEmulator } from '../../src/emulator/app';
import { addSiteMember } from '../../src/emulator/members/site-members';
import { buildApp, type Running } from '../../src/server/container';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/logger';
import { createStore } from '../../src/store';
import { loginAtLocalWix } from '../../src/wix/local-login';
import { type Listening, listen } from './servers';

export interface CallResult<T> {
  status: number;
  body: { result?: T; error?: { code: string; message: string } };
}

export interface BenchApp {
  running: Running;
  /** The app served on loopback. */
  server: Listening;
  /** Where the app's own state lives (for the table's header). */
  storeFile: string;
  /** POST /web-methods/<file>/<method> in-process, for seeding and checks (not for load). */
  call<T = unknown>(path: string, args: unknown[], token?: string): Promise<CallResult<T>>;
  /** Throws unless the call answered 200; returns its result. */
  must<T = unknown>(path: string, args: unknown[], token?: string): Promise<T>;
  adminToken: string;
  memberToken(memberId: string): Promise<string>;
  /** Signs up on the local Wix, enrolls and gives tokens (none for 0) through the dashboard web methods. */
  member(id: string, tokens: number): Promise<string>;
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

  const call = async <T>(path: string, args: unknown[], token?: string): Promise<CallResult<T>> => {
    const res = await running.app.request(`/web-methods/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ args }),
    });
    return { status: res.status, body: (await res.json()) as CallResult<T>['body'] };
  };
  const must = async <T>(path: string, args: unknown[], token?: string): Promise<T> => {
    const res = await call<T>(path, args, token);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.result as T;
  };
  const adminToken = await loginAtLocalWix(running.wix, { userId: 'bench' });

  return {
    running,
    server,
    storeFile,
    call,
    must,
    adminToken,
    memberToken: (memberId) => loginAtLocalWix(running.wix, { memberId }),
    async member(id, tokens) {
      addSiteMember({ store: emulator.store, clock: systemClock }, { id, email: `${id}@bench.example` });
      await must('dashboard/enrollMember', [{ memberId: id }], adminToken);
      if (tokens !== 0) {
        await must(
          'dashboard/adjustTokens',
          [{ memberId: id, amount: tokens, reason: 'bench setup', idempotencyKey: `bench-tokens-${id}` }],
          adminToken,
        );
      }
      return loginAtLocalWix(running.wix, { memberId: id });
    },
    async close() {
      await server.close();
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
