import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as BenefitsWeb from '../../src/backend/benefits.web';
import type * as DashboardWeb from '../../src/backend/dashboard.web';
import type * as LoyaltyWeb from '../../src/backend/loyalty.web';
import { GYM_ITEMS } from '../support/app';
import { freePort, runTs, type Spawned, spawnTs, waitForHttp } from '../support/processes';
import { type WixBuild, wixBuild } from '../support/wix-build';
import { registerHostedCaller } from '../support/wix-hosting';

// The whole hosted path, as on Wix. This test process plays Wix hosting: it runs the web-method bundles
// `wix app build` produced (built with this server's URL, as a release is) with a Wix context registered
// that carries the caller's access token. `npm start`'s server is the app's backend, in its own process with
// its local Wix. A call goes: built hosted method → fetchWithAuth with the caller's token →
// POST /web-methods/<file>/<method> → token-info at the local Wix → the same web-method code, in-process.

let server: Spawned;
let build: WixBuild;
let base = '';
let admin = '';
let benefits: typeof BenefitsWeb;
let dashboard: typeof DashboardWeb;
let loyalty: typeof LoyaltyWeb;

beforeAll(async () => {
  const env = {
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'rb-hosted-')),
    LOG_LEVEL: 'warn',
    SCHEDULER: 'off',
    EXPYS_WEBHOOK_INTERVAL_MS: '0',
  };
  base = `http://127.0.0.1:${env.PORT}`;
  server = spawnTs('src/server/main.ts', [], env);
  [build] = await Promise.all([
    wixBuild({ VITE_APP_BACKEND_URL: base }),
    waitForHttp(`${base}/health`, server, 600_000),
  ]);
  expect(build.code, build.output).toBe(0);
  benefits = (await build.importWebModule('benefits')) as typeof BenefitsWeb;
  dashboard = (await build.importWebModule('dashboard')) as typeof DashboardWeb;
  loyalty = (await build.importWebModule('loyalty')) as typeof LoyaltyWeb;
  const minted = await runTs('src/cli/token.ts', ['--admin'], env);
  expect(minted.code, minted.stderr).toBe(0);
  admin = minted.stdout.trim();
}, 900_000);
afterAll(async () => {
  await server?.stop();
  build?.remove();
});

/** Runs a hosted web method the way Wix hosting does: with the caller's Wix context registered. */
async function as<T>(token: string, call: () => Promise<T>): Promise<T> {
  const unregister = registerHostedCaller(token);
  try {
    return await call();
  } finally {
    unregister();
  }
}

/** The stable code and message a hosted method failed with (the bundle's own AppError). */
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (err: unknown) => {
      if (!(err instanceof Error) || !('code' in err)) throw err;
      return { code: err.code, message: err.message };
    },
  );

/** The server's embedded local Wix, called as its staff (sign-ups and logins are Wix's part). */
async function localWix(path: string, body: unknown, authorization: string | null = `Bearer ${admin}`) {
  const res = await fetch(`${base}/_wix${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** A member's access token as the local Wix issues it at login (another instance's, or short-lived). */
async function login(memberId: string, options: { ttlSeconds?: number; instanceId?: string } = {}) {
  return String((await localWix('/_emulator/login', { memberId, ...options })).access_token);
}

/** Signs a member up on the site; staff enroll them and give tokens and points through dashboard methods. */
async function member(id: string, tokens: number, points = 0): Promise<string> {
  await localWix('/_emulator/members', { id, email: `${id}@example.com` });
  await as(admin, () => dashboard.enrollMember({ memberId: id }));
  const setup = { reason: 'test setup', memberId: id };
  if (tokens > 0) {
    await as(admin, () =>
      dashboard.adjustTokens({ ...setup, amount: tokens, idempotencyKey: `setup-tokens-${id}` }),
    );
  }
  if (points > 0) {
    await as(admin, () =>
      dashboard.adjustPoints({ ...setup, amount: points, idempotencyKey: `setup-points-${id}` }),
    );
  }
  return login(id);
}

const tokensOf = async (token: string) => (await as(token, () => benefits.getMyTokenBalance())).balance;
const pointsOf = async (token: string) => (await as(token, () => loyalty.getMyAffordableRewards())).balance;

describe('web methods on Wix hosting, forwarded to this server', () => {
  it('a member sees eligible benefits and redeems one exactly once per idempotency key', async () => {
    const ana = await member('hosted-ana', 25);

    const eligible = await as(ana, () => benefits.getMyEligibleBenefits());
    expect(eligible).toMatchObject({ active: true, balance: 25 });
    expect(eligible.items.find((item) => item.externalId === GYM_ITEMS.towel)).toMatchObject({
      benefitKey: 'gym20',
      price: 20,
      affordable: true,
    });

    const input = { externalId: GYM_ITEMS.towel, idempotencyKey: 'hosted-ana-0001' };
    const first = await as(ana, () => benefits.redeemMyBenefit(input));
    expect(first.replayed).toBe(false);
    expect(first.redemption).toMatchObject({ memberId: 'hosted-ana', status: 'PURCHASED', price: 20 });
    const again = await as(ana, () => benefits.redeemMyBenefit(input));
    expect(again.replayed).toBe(true);
    expect(again.redemption.id).toBe(first.redemption.id);
    expect(await tokensOf(ana)).toBe(5);

    const listed = await as(admin, () => dashboard.listRedemptions({ memberId: 'hosted-ana' }));
    expect(listed.items.map((r) => r.id)).toEqual([first.redemption.id]);
  });

  it('a member spends points on a coupon exactly once per idempotency key', async () => {
    const bo = await member('hosted-bo', 0, 120);
    const offers = await as(bo, () => loyalty.getMyAffordableRewards());
    const reward = offers.items.find((r) => r.redeemable && r.costInPoints === 100);
    expect(reward, JSON.stringify(offers)).toBeDefined();
    const input = { rewardId: reward?.rewardId ?? '', idempotencyKey: 'hosted-bo-00001' };

    const first = await as(bo, () => loyalty.redeemMyPointsForCoupon(input));
    expect(first.replayed).toBe(false);
    expect(first.redemption).toMatchObject({ memberId: 'hosted-bo', currency: 'points', price: 100 });
    const again = await as(bo, () => loyalty.redeemMyPointsForCoupon(input));
    expect(again.replayed).toBe(true);
    expect(again.redemption.couponCode).toBe(first.redemption.couponCode);
    expect(await pointsOf(bo)).toBe(20);
    expect((await as(bo, () => loyalty.listMyCoupons())).items).toHaveLength(1);
  });

  it('staff run dashboard methods with their token', async () => {
    await member('hosted-cy', 10);
    const adjusted = await as(admin, () =>
      dashboard.adjustTokens({
        memberId: 'hosted-cy',
        amount: 5,
        reason: 'goodwill',
        idempotencyKey: 'hosted-cy-adjust',
      }),
    );
    expect(adjusted.replayed).toBe(false);
    const overview = await as(admin, () => dashboard.getMemberOverview({ memberId: 'hosted-cy' }));
    expect(overview).toMatchObject({ memberId: 'hosted-cy', tokenBalance: 15 });
  });

  it('a visitor is UNAUTHENTICATED and a member on an Admin method FORBIDDEN, spending nothing', async () => {
    const dee = await member('hosted-dee', 30);
    const { clientId } = await localWix('/oauth2/token-info', { token: dee }, null);
    const visitor = String(
      (await localWix('/oauth2/token', { clientId, grantType: 'anonymous' }, null)).access_token,
    );

    const input = { externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'hosted-dee-0001' };
    expect((await failureOf(as(visitor, () => benefits.redeemMyBenefit(input)))).code).toBe(
      'UNAUTHENTICATED',
    );
    const onAdmin = as(dee, () =>
      dashboard.adjustTokens({
        memberId: 'hosted-dee',
        amount: 100,
        reason: 'me',
        idempotencyKey: 'self-0001',
      }),
    );
    expect((await failureOf(onAdmin)).code).toBe('FORBIDDEN');
    expect(await tokensOf(dee)).toBe(30);
  });

  it('an expired, forged or other-instance token is refused with 401 → UNAUTHENTICATED, spending nothing', async () => {
    const eli = await member('hosted-eli', 30, 120);
    const issued = Date.now();
    const expired = await login('hosted-eli', { ttlSeconds: 5 });
    expect(await tokensOf(expired)).toBe(30); // valid until it expires (and the server caches no longer)
    const otherSite = await login('hosted-eli', { instanceId: 'another-site-instance' });
    const forged = `${eli.slice(0, -6)}AAAAAA`;
    const offers = await as(eli, () => loyalty.getMyAffordableRewards());
    const rewardId = offers.items.find((r) => r.redeemable)?.rewardId ?? '';
    await new Promise((resolve) => setTimeout(resolve, issued + 5_500 - Date.now()));

    for (const [token, reason] of [
      [expired, /invalid or expired/i],
      [forged, /invalid or expired/i],
      [otherSite, /another app instance/i],
    ] as const) {
      // What the server answers the forwarded call, exactly as the hosted method sends it.
      const res = await fetch(`${base}/web-methods/benefits/getMyTokenBalance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: '{"args":[]}',
      });
      expect(res.status).toBe(401);

      const key = `refused-${token.slice(-8)}`;
      const redeem = as(token, () =>
        benefits.redeemMyBenefit({ externalId: GYM_ITEMS.waterBottle, idempotencyKey: key }),
      );
      expect(await failureOf(redeem)).toEqual({
        code: 'UNAUTHENTICATED',
        message: expect.stringMatching(reason),
      });
      const coupon = as(token, () => loyalty.redeemMyPointsForCoupon({ rewardId, idempotencyKey: key }));
      expect((await failureOf(coupon)).code).toBe('UNAUTHENTICATED');
    }
    expect(await tokensOf(eli)).toBe(30);
    expect(await pointsOf(eli)).toBe(120);
    const listed = await as(admin, () => dashboard.listRedemptions({ memberId: 'hosted-eli' }));
    expect(listed.items).toEqual([]);
  });
});
