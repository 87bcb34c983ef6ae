import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../../src/core/clock';
import type { ResolveHost } from '../../src/core/outbound/addresses';
import type { Store } from '../../src/core/ports/store';
import { createEmulator } from '../../src/emulator/app';
import { addSiteMember } from '../../src/emulator/members/site-members';
import { buildApp, type Running } from '../../src/server/container';
import { parseEnv } from '../../src/server/env';
import { createLogger } from '../../src/server/logger';
import { createStore } from '../../src/store';
import { type LocalLoginOptions, loginAtLocalWix } from '../../src/wix/local-login';

export interface CallResult<T = unknown> {
  status: number;
  body: { result?: T; error?: { code: string; message: string; details?: Record<string, unknown> } };
  headers: Headers;
}

export interface TestApp {
  running: Running;
  clock: ManualClock;
  /** POST /web-methods/<file>/<method> through the real host, as a browser would. */
  call<T = unknown>(path: string, args: unknown[], token?: string): Promise<CallResult<T>>;
  /** A Wix access token the local Wix issues at the member's login (the member must exist). */
  memberToken(memberId: string, options?: LocalLoginOptions): Promise<string>;
  /** A staff (USER) access token the local Wix issues. */
  adminToken(userId?: string): Promise<string>;
  /** A visitor signs up on the site (the local Wix's stand-in for it). */
  addSiteMember(id: string, email?: string): void;
  /** Signs up, enrolls and gives tokens, all through public boundaries. */
  member(id: string, tokens?: number): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: ManualClock;
  /** Use this store (e.g. PostgreSQL) instead of an in-memory SQLite one. */
  store?: Store;
  env?: Record<string, string>;
  /** Resolves live webhook hosts instead of DNS. */
  resolveHost?: ResolveHost;
}

/** The whole app in-process: in-memory store and local Wix, real SDK, real web-method host. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new ManualClock();
  const config = parseEnv({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-test-')),
    LOCAL_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const emulator = createEmulator({ clock });
  const store = options.store ?? (await createStore({ sqliteFile: ':memory:' }));
  const running = await buildApp(config, createLogger('silent'), {
    clock,
    emulator,
    store,
    ...(options.resolveHost ? { resolveHost: options.resolveHost } : {}),
  });

  const call = async <T>(path: string, args: unknown[], token?: string): Promise<CallResult<T>> => {
    const res = await running.app.request(`/web-methods/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ args }),
    });
    return { status: res.status, body: (await res.json()) as CallResult<T>['body'], headers: res.headers };
  };
  const adminToken = (userId = 'admin-1') => loginAtLocalWix(running.wix, { userId });
  const memberToken = (memberId: string, login?: LocalLoginOptions) =>
    loginAtLocalWix(running.wix, { memberId }, login);
  const signUp = (id: string, email = `${id}@example.com`) => {
    addSiteMember({ store: emulator.store, clock }, { id, email });
  };

  return {
    running,
    clock,
    call,
    memberToken,
    adminToken,
    addSiteMember: signUp,
    async member(id, tokens = 0) {
      signUp(id);
      const admin = await adminToken();
      const enrolled = await call('dashboard/enrollMember', [{ memberId: id }], admin);
      if (enrolled.status !== 200) throw new Error(`enroll ${id}: ${JSON.stringify(enrolled.body)}`);
      if (tokens > 0) {
        const given = await call(
          'dashboard/adjustTokens',
          [{ memberId: id, amount: tokens, reason: 'test setup', idempotencyKey: `setup-tokens-${id}` }],
          admin,
        );
        if (given.status !== 200) throw new Error(`tokens ${id}: ${JSON.stringify(given.body)}`);
      }
      return memberToken(id);
    },
    close: () => running.close(),
  };
}

/** The gym merchandise of the default program config. */
export const GYM_ITEMS = {
  waterBottle: '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c01', // gym10
  towel: '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c03', // gym20
  hoodie: '8f9d2c4a-1b3e-4f5a-9c7d-0e1f2a3b4c05', // gym30
} as const;
