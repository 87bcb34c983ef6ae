import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBonifiqClient } from '../bonifiq/client';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';

// A Wix call slower than every lease, two server processes on one PostgreSQL and one standalone local Wix:
// the client gives up on the first server and retries the same key on the other. Whatever the first
// attempt's call does, the points are spent once.

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('slow-Wix multi-instance suite skipped: set TEST_DATABASE_URL=postgres://… to run it');

const SECRET = 'slow-wix-secret-0123456789-abcdef-0123';
// The local Wix and both servers know the app by the same credentials, as with real Wix.
const APP = {
  WIX_APP_ID: 'slow-app',
  WIX_APP_SECRET: 'slow-wix-app-secret-0123456789',
  WIX_APP_INSTANCE_ID: 'slow-instance',
};
/** Longer than every lease below, and than the member lock's default 30 s. */
const LATENCY_MS = 35_000;
const POS = { token: 'slow-wix-pos-token', key: 'slow-wix-pos-key-0123456789' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!url)('a Wix call that outlives the leases, two servers on one PostgreSQL', () => {
  const database = `rb_slow_${Math.random().toString(36).slice(2, 10)}`;
  const processes: Spawned[] = [];
  let servers: [string, string] = ['', ''];
  let wixUrl = '';
  let admin = '';

  beforeAll(async () => {
    const pgAdmin = new pg.Client({ connectionString: url });
    await pgAdmin.connect();
    await pgAdmin.query(`CREATE DATABASE ${database}`);
    await pgAdmin.end();
    const databaseUrl = new URL(url ?? '');
    databaseUrl.pathname = `/${database}`;

    const dir = mkdtempSync(join(tmpdir(), 'rb-slow-'));
    const wixPort = await freePort();
    const wix = spawnTs(
      'src/cli/emulator.ts',
      ['--port', String(wixPort), '--file', join(dir, 'wix.sqlite')],
      { ...APP },
    );
    processes.push(wix);
    wixUrl = `http://127.0.0.1:${wixPort}`;
    await waitForHttp(`${wixUrl}/health`, wix);

    const env = (i: number, port: number) => ({
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(dir, `server-${i}`),
      DATABASE_URL: databaseUrl.toString(),
      WIX_EMULATOR_URL: wixUrl,
      LOCAL_AUTH_SECRET: SECRET,
      ...APP,
      LOG_LEVEL: 'warn',
      SCHEDULER: 'off',
      // Short leases, so the slow call outlives them; the call deadline fits in them.
      IDEMPOTENCY_LEASE_SECONDS: '10',
      MEMBER_LOCK_LEASE_SECONDS: '10',
      WIX_CALL_TIMEOUT_MS: '4000',
    });
    const ports = [await freePort(), await freePort()] as const;
    const started = ports.map((port, i) => spawnTs('src/server/main.ts', [], env(i, port)));
    processes.push(...started);
    servers = [`http://127.0.0.1:${ports[0]}`, `http://127.0.0.1:${ports[1]}`];
    await Promise.all(
      servers.map((server, i) => waitForHttp(`${server}/health`, started[i] as Spawned, 150_000)),
    );
    const added = await runTs(
      'src/cli/integration.ts',
      ['add', 'bonifiq', '--name', 'till', '--token', POS.token, '--key', POS.key],
      env(0, ports[0]),
    );
    expect(added.code, added.stderr).toBe(0);
    const minted = await runTs('src/cli/token.ts', ['--admin', '--id', 'ops'], {
      DATA_DIR: join(dir, 'cli'),
      WIX_EMULATOR_URL: wixUrl,
      ...APP,
    });
    expect(minted.code, minted.stderr).toBe(0);
    admin = minted.stdout.trim();
  }, 240_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    const pgAdmin = new pg.Client({ connectionString: url });
    await pgAdmin.connect();
    await pgAdmin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await pgAdmin.end();
  });

  async function call<T>(server: string, path: string, args: unknown[], token: string) {
    const res = await fetch(`${server}/web-methods/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ args }),
    });
    const body = (await res.json()) as { result?: T; error?: { code: string } };
    return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
  }

  async function memberWithPoints(id: string, points: number): Promise<string> {
    const signUp = await fetch(`${wixUrl}/_emulator/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ id, email: `${id}@example.com` }),
    });
    expect(signUp.status).toBe(200);
    expect((await call(servers[0], 'dashboard/enrollMember', [{ memberId: id }], admin)).status).toBe(200);
    const given = await call(
      servers[1],
      'dashboard/adjustPoints',
      [{ memberId: id, amount: points, reason: 'setup', idempotencyKey: `setup-${id}` }],
      admin,
    );
    expect(given.status).toBe(200);
    const login = await fetch(`${wixUrl}/_emulator/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ memberId: id }),
    });
    return ((await login.json()) as { access_token: string }).access_token;
  }

  async function slowDown(path: string): Promise<void> {
    const res = await fetch(`${wixUrl}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ kind: 'latency', method: 'POST', path, ms: LATENCY_MS, times: 1 }),
    });
    expect(res.status).toBe(200);
  }

  const pointsOf = async (token: string) =>
    (await call<{ balance: number }>(servers[0], 'loyalty/getMyLoyaltyAccount', [], token)).body.result
      ?.balance;

  const redemptionsOf = async (memberId: string) =>
    (
      await call<{ items: { status: string }[] }>(
        servers[0],
        'dashboard/listRedemptions',
        [{ memberId }],
        admin,
      )
    ).body.result?.items ?? [];

  /**
   * The client's side: the first server is slow, so it gives up after the leases ran out and retries the same
   * request on the other server until it is answered for good (honouring Retry-After).
   */
  async function retryOnOtherServer<R extends { done: boolean; retryAfter: string | null }>(
    attempt: () => Promise<R>,
  ): Promise<R> {
    await sleep(11_000);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const reply = await attempt();
      if (reply.done || Date.now() > deadline) return reply;
      await sleep(Math.min(5_000, 1_000 * Number(reply.retryAfter ?? 1)));
    }
  }

  it.concurrent('Loyalty redeemPointsForCoupon: one coupon, points debited once, one redemption', async () => {
    const token = await memberWithPoints('slow-coupon', 500);
    const rewards = await call<{ items: { rewardId: string; name: string }[] }>(
      servers[0],
      'loyalty/getMyAffordableRewards',
      [],
      token,
    );
    const fiveOff = rewards.body.result?.items.find((r) => r.name === '$5 off');
    expect(fiveOff).toBeDefined();
    const redeem = (server: string) =>
      call<{ redemption: { id: string } }>(
        server,
        'loyalty/redeemMyPointsForCoupon',
        [{ rewardId: fiveOff?.rewardId, idempotencyKey: 'slow-coupon-key' }],
        token,
      );
    const startedAt = Date.now();
    await slowDown('/loyalty-coupons/v1/coupons');

    const first = redeem(servers[0]);
    const retried = await retryOnOtherServer(async () => {
      const reply = await redeem(servers[1]);
      return { ...reply, done: reply.status === 200 };
    });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    // Whatever the slow call was going to do has happened by now.
    await sleep(Math.max(0, startedAt + LATENCY_MS + 2_000 - Date.now()));
    const coupons = await call<{ items: unknown[] }>(servers[1], 'loyalty/listMyCoupons', [], token);
    expect(coupons.body.result?.items).toHaveLength(1);
    expect(await pointsOf(token)).toBe(450);
    expect(await redemptionsOf('slow-coupon')).toEqual([expect.objectContaining({ status: 'PURCHASED' })]);
    // The first server's call hit its deadline: a retryable answer, with when to retry.
    const answered = await first;
    expect(answered.status).toBe(503);
    expect(answered.body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(Number(answered.retryAfter)).toBeGreaterThan(0);
  }, 150_000);

  it.concurrent('BonifiQ-style point deduction at the counter: points debited once, one redemption', async () => {
    const token = await memberWithPoints('slow-debit', 500);
    const pos = servers.map((server) =>
      createBonifiqClient({ baseUrl: `${server}/bonifiq`, token: POS.token, key: POS.key }),
    );
    const customer = 'slow-debit@example.com';
    const available = await pos[0]?.available(customer, 100);
    const reward = available?.body.Rewards?.find((r) => r.Title === '$5 off');
    expect(reward).toBeDefined();
    const redeem = (i: 0 | 1) =>
      pos[i]?.redeem(reward?.Id ?? 0, { CustomerId: customer, OriginalKey: 'slow-debit-key' });
    const startedAt = Date.now();
    await slowDown('/adjust-points');

    const first = redeem(0);
    const retried = await retryOnOtherServer(async () => {
      const reply = await redeem(1);
      return {
        code: reply?.body.Code,
        done: reply?.body.Code === '00',
        retryAfter: reply?.headers.get('retry-after') ?? null,
      };
    });
    expect(retried.code).toBe('00');
    await sleep(Math.max(0, startedAt + LATENCY_MS + 2_000 - Date.now()));
    expect(await pointsOf(token)).toBe(450);
    expect(await redemptionsOf('slow-debit')).toEqual([expect.objectContaining({ status: 'PURCHASED' })]);
    const answered = await first;
    expect(answered?.status).toBe(503);
    expect(Number(answered?.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 150_000);
});
