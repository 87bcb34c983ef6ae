import { afterEach, describe, expect, it } from 'vitest';
import { GYM_ITEMS, startTestApp, type TestApp } from '../support/app';

// The web-method endpoint is the app's self-hosted backend: it accepts only Wix access tokens (here issued
// by the local Wix), asks Wix's token-info who they are for, and refuses other app instances' tokens.

let app: TestApp;
afterEach(() => app.close());

const balanceOf = async (token: string) =>
  (await app.call<{ balance: number }>('benefits/getMyTokenBalance', [], token)).body.result?.balance;

const redeem = (token: string, idempotencyKey: string) =>
  app.call('benefits/redeemMyBenefit', [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey }], token);

/** Calls the local Wix as Wix is called: by its www.wixapis.com URL, through the app's own clients. */
async function localWix(path: string, body: unknown, asApp = true): Promise<Response> {
  const init = {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
  const url = `https://www.wixapis.com${path}`;
  return asApp ? app.running.wix.elevated.fetchWithAuth(url, init) : app.running.wix.fetch(url, init);
}

/** A site visitor's session token, as Wix issues one (anonymous grant). */
async function visitorToken(): Promise<string> {
  const clientId = app.running.emulator?.credentials.appId;
  const res = await localWix('/oauth2/token', { clientId, grantType: 'anonymous' }, false);
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function revoke(token: string): Promise<void> {
  expect((await localWix('/_emulator/tokens/revoke', { token })).status).toBe(200);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('who is calling a web method', () => {
  it('maps token-info: MEMBER acts as that member, USER as staff, VISITOR as nobody', async () => {
    app = await startTestApp();
    const ada = await app.member('ada', 30);
    expect(await balanceOf(ada)).toBe(30);

    // The bare token, as `fetchWithAuth` sends it from Wix hosting, works like `Bearer <token>`.
    const bare = await app.running.app.request('/web-methods/benefits/getMyTokenBalance', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: ada },
      body: '{"args":[]}',
    });
    expect(bare.status).toBe(200);

    const visitor = await visitorToken();
    for (const token of [visitor, '']) {
      const res = await redeem(token, 'visitor-try-0001');
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
    }

    const memberOnAdmin = await app.call('dashboard/getMemberOverview', [{ memberId: 'ada' }], ada);
    expect(memberOnAdmin.status).toBe(403);
    expect(memberOnAdmin.body.error?.code).toBe('FORBIDDEN');
    const staff = await app.call(
      'dashboard/getMemberOverview',
      [{ memberId: 'ada' }],
      await app.adminToken(),
    );
    expect(staff.status).toBe(200);
    expect(await balanceOf(ada)).toBe(30);
  });

  it('refuses expired, forged and other-instance tokens with 401, spending nothing', async () => {
    app = await startTestApp();
    const bea = await app.member('bea', 30);
    const shortLived = await app.memberToken('bea', { ttlSeconds: 1 });
    expect(await balanceOf(shortLived)).toBe(30); // now cached, but never past the token's own expiry
    const otherSite = await app.memberToken('bea', { instanceId: 'another-site-instance' });
    const forged = `${bea.slice(0, -6)}AAAAAA`;
    const notWix = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZWEifQ.c2lnbmF0dXJl';
    await sleep(2100);

    for (const [token, reason] of [
      [shortLived, /invalid or expired/i],
      [forged, /invalid or expired/i],
      [notWix, /invalid or expired/i],
      [otherSite, /another app instance/i],
    ] as const) {
      const res = await redeem(token, `refused-${token.slice(-8)}`);
      expect(res.status).toBe(401);
      expect(res.body.error?.code).toBe('UNAUTHENTICATED');
      expect(res.body.error?.message).toMatch(reason);
    }
    expect(await balanceOf(bea)).toBe(30);
    const page = await app.running.deps.store.redemptions.list({ memberId: 'bea', limit: 10 });
    expect(page.items).toHaveLength(0);
  });

  it('keeps a token-info answer only briefly: a revoked token stops working after the cache TTL', async () => {
    app = await startTestApp({ env: { TOKEN_INFO_CACHE_SECONDS: '1' } });
    const cai = await app.member('cai', 30);
    expect(await balanceOf(cai)).toBe(30);
    await revoke(cai);
    await sleep(1500);
    const res = await redeem(cai, 'after-revoke-001');
    expect(res.status).toBe(401);
    expect(await app.memberToken('cai').then(balanceOf)).toBe(30);
  });

  it('asks token-info again only when the cached answer is stale (default TTL), or every time with 0', async () => {
    app = await startTestApp();
    const dan = await app.member('dan', 30);
    expect(await balanceOf(dan)).toBe(30);
    await revoke(dan);
    expect(await balanceOf(dan)).toBe(30); // the answer from before the revocation, within 30 s
    await app.close();

    app = await startTestApp({ env: { TOKEN_INFO_CACHE_SECONDS: '0' } });
    const eli = await app.member('eli', 30);
    expect(await balanceOf(eli)).toBe(30);
    await revoke(eli);
    expect((await redeem(eli, 'after-revoke-002')).status).toBe(401);
  });
});
