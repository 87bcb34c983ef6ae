import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GYM_ITEMS } from '../support/app';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('multi-instance suite skipped: set TEST_DATABASE_URL=postgres://… to run it');

// The local Wix and both servers know the app by the same credentials, as with real Wix.
const APP = {
  WIX_APP_ID: 'mi-app',
  WIX_APP_SECRET: 'multi-instance-app-secret-0123456789',
  WIX_APP_INSTANCE_ID: 'mi-instance',
};

describe.skipIf(!url)('two server processes sharing one PostgreSQL and one local Wix', () => {
  const database = `rb_mi_${Math.random().toString(36).slice(2, 10)}`;
  const processes: Spawned[] = [];
  let servers: string[] = [];
  let wixUrl = '';
  let adminToken = '';

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const databaseUrl = new URL(url ?? '');
    databaseUrl.pathname = `/${database}`;

    const dir = mkdtempSync(join(tmpdir(), 'rb-mi-'));
    const wixPort = await freePort();
    const wix = spawnTs(
      'src/cli/emulator.ts',
      ['--port', String(wixPort), '--file', join(dir, 'wix.sqlite')],
      APP,
    );
    processes.push(wix);
    wixUrl = `http://127.0.0.1:${wixPort}`;
    await waitForHttp(`${wixUrl}/health`, wix);

    const ports = [await freePort(), await freePort()];
    // Both boot at once: program setup must happen once between them.
    const started = ports.map((port, i) =>
      spawnTs('src/server/main.ts', [], {
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: join(dir, `server-${i}`),
        DATABASE_URL: databaseUrl.toString(),
        WIX_EMULATOR_URL: wixUrl,
        ...APP,
        LOG_LEVEL: 'warn',
      }),
    );
    processes.push(...started);
    servers = ports.map((port) => `http://127.0.0.1:${port}`);
    await Promise.all(
      servers.map((server, i) => waitForHttp(`${server}/health`, started[i] as Spawned, 60_000)),
    );
    const minted = await runTs('src/cli/token.ts', ['--admin', '--id', 'ops'], {
      DATA_DIR: join(dir, 'cli'),
      WIX_EMULATOR_URL: wixUrl,
      ...APP,
    });
    expect(minted.code, minted.stderr).toBe(0);
    adminToken = minted.stdout.trim();
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const call = async (server: string, path: string, args: unknown[], token: string) => {
    const res = await fetch(`${server}/web-methods/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ args }),
    });
    return {
      status: res.status,
      body: (await res.json()) as {
        result?: { balance?: number; redemption?: { id: string } };
        error?: { code: string };
      },
    };
  };

  const asAdmin = (path: string, body: unknown) =>
    fetch(`${wixUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify(body),
    });

  async function memberWith(id: string, tokens: number): Promise<string> {
    const signUp = await asAdmin('/_emulator/members', { id, email: `${id}@example.com` });
    expect(signUp.status).toBe(200);
    const [a, b] = servers as [string, string];
    expect((await call(a, 'dashboard/enrollMember', [{ memberId: id }], adminToken)).status).toBe(200);
    const given = await call(
      b,
      'dashboard/adjustTokens',
      [{ memberId: id, amount: tokens, reason: 'setup', idempotencyKey: `setup-${id}` }],
      adminToken,
    );
    expect(given.status).toBe(200);
    const login = await asAdmin('/_emulator/login', { memberId: id });
    return ((await login.json()) as { access_token: string }).access_token;
  }

  const balance = async (token: string) =>
    (await call(servers[0] ?? '', 'benefits/getMyTokenBalance', [], token)).body.result?.balance;

  it('the program was set up once', async () => {
    const res = await asAdmin('/_api/benefit-programs/v1/program-definitions/query', { query: {} });
    const body = (await res.json()) as { programDefinitions: unknown[] };
    expect(body.programDefinitions).toHaveLength(1);
  });

  it('100 concurrent distinct redemptions of 10 on 95, split across both servers → exactly 9', async () => {
    const token = await memberWith('race-member', 95);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        call(
          servers[i % 2] ?? '',
          'benefits/redeemMyBenefit',
          [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: `mi-distinct-${i}` }],
          token,
        ),
      ),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(results.filter((r) => r.body.error?.code === 'INSUFFICIENT_BALANCE')).toHaveLength(91);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(await balance(token)).toBe(5);
  });

  it('50 concurrent identical requests across both servers → one debit', async () => {
    const token = await memberWith('same-key-member', 40);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(
          servers[i % 2] ?? '',
          'benefits/redeemMyBenefit',
          [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'mi-same-key' }],
          token,
        ),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length + results.filter((r) => r.body.error?.code === 'IDEMPOTENCY_KEY_IN_USE').length).toBe(
      50,
    );
    expect(new Set(ok.map((r) => r.body.result?.redemption?.id)).size).toBe(1);
    expect(await balance(token)).toBe(30);
  });
});
