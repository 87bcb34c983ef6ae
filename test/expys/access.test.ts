import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeIntegration } from '../../src/core/integrations/webhook-sources';
import type { ExpysClient, Offer } from './client';
import { BASE_URL, type ExpysTestApp, startExpysApp } from './support';

async function offerTitled(client: ExpysClient, title: string): Promise<Offer> {
  const offer = (await client.listOffers({ limit: 100 })).data.data.find((o) => o.title === title);
  if (!offer) throw new Error(`no offer ${title}`);
  return offer;
}

describe('Expys access: keys, member tokens, environments, validation', () => {
  let app: ExpysTestApp;
  let liveKey: string;
  let server: ExpysClient;
  let ann: ExpysClient;
  let ben: ExpysClient;
  let sandbox: ExpysClient;
  let annRedemption: string;

  beforeAll(async () => {
    app = await startExpysApp();
    liveKey = await app.integration('acme');
    server = app.client(liveKey);
    ann = await app.user(server, 'ann');
    ben = await app.user(server, 'ben');
    sandbox = app.client(await app.integration('acme-sandbox', 'sandbox'));
    await server.creditWallet({ externalUserID: 'ann', amount: 200 }, 'access-credit-ann');
    const created = await ann.createRedemption(
      { offer: (await offerTitled(ann, '$5 off')).id },
      'access-0001',
    );
    expect(created.status).toBe(201);
    annRedemption = created.data.id;
  });
  afterAll(() => app.close());

  it('a missing, malformed, wrong or forged credential is 401 UNAUTHORIZED, with a request id', async () => {
    const cases = [
      app.client(),
      app.client('expys_live_wrongwrongwrongwrongwrongwrong'),
      app.client(`${liveKey}x`),
      app.client('not-a-token'),
      app.client(`${(await server.exchange({ externalUserID: 'ann' })).data.accessToken}x`),
    ];
    for (const client of cases) {
      const res = await client.listOffers();
      expect(res.status).toBe(401);
      expect(res.error?.code).toBe('UNAUTHORIZED');
      expect(res.requestId).toEqual(expect.any(String));
    }
    const basic = await app
      .client()
      .request('GET', '/v1/offers', { headers: { authorization: `Basic ${liveKey}` } });
    expect(basic.status).toBe(401);
  });

  it('echoes a sane X-Request-Id', async () => {
    const res = await server.request('GET', '/v1/offers', { headers: { 'x-request-id': 'req-123' } });
    expect(res.requestId).toBe('req-123');
  });

  it('a member token expires after 15 minutes', async () => {
    const token = (await server.exchange({ externalUserID: 'ann' })).data.accessToken;
    expect((await server.withToken(token).wallet()).status).toBe(200);
    app.clock.advance(15 * 60_000 + 1000);
    const expired = await server.withToken(token).wallet();
    expect(expired.status).toBe(401);
    ann = server.withToken((await server.exchange({ externalUserID: 'ann' })).data.accessToken);
    ben = server.withToken((await server.exchange({ externalUserID: 'ben' })).data.accessToken);
  });

  it('a member token on a server-mode route is 403 FORBIDDEN', async () => {
    const calls = [
      ann.exchange({ externalUserID: 'ann' }),
      ann.setMember('ann', { tier: 'gold' }),
      ann.getMember('ann'),
      ann.removeMember('ann'),
      ann.creditWallet({ externalUserID: 'ann', amount: 1000 }, 'forbidden-credit'),
      ann.registerWebhook({ url: 'https://example.com/hook', events: ['redemption.created'] }),
      ann.listWebhooks(),
      ann.deleteWebhook('whk_x'),
      ann.setRedemptionStatus(annRedemption, { status: 'CANCELED', reason: 'OTHER' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(403);
      expect(res.error?.code).toBe('FORBIDDEN');
    }
    expect((await ann.wallet()).data.balance).toBe(150);
    expect((await ann.getRedemption(annRedemption)).data.status).toBe('SUBMITTED');
  });

  it('one member cannot read or act for another (404 for their redemption, 403 naming them)', async () => {
    const other = await ben.getRedemption(annRedemption);
    expect(other.status).toBe(404);
    expect(other.error?.code).toBe('NOT_FOUND');
    expect((await ben.listRedemptions()).data.redemptions).toEqual([]);
    const acting = await ben.createRedemption({ offer: 'x', externalUserID: 'ann' }, 'access-0002');
    expect(acting.status).toBe(403);
    expect((await ben.wallet({ externalUserID: 'ann' })).status).toBe(403);
    // The org key sees the integration's redemptions, and acts for a member by naming them.
    expect((await server.getRedemption(annRedemption)).data.id).toBe(annRedemption);
    expect(
      (await server.listRedemptions({ externalUserID: 'ann' })).data.redemptions.map((r) => r.id),
    ).toEqual([annRedemption]);
    expect((await server.wallet({ externalUserID: 'ann' })).data.balance).toBe(150);
    expect((await server.wallet()).status).toBe(422);
  });

  it('sandbox keys see no live data, and live keys no sandbox data', async () => {
    expect((await sandbox.getRedemption(annRedemption)).status).toBe(404);
    expect((await sandbox.listRedemptions()).data.redemptions).toEqual([]);
    const unknown = await sandbox.wallet({ externalUserID: 'ann' });
    expect(unknown.status).toBe(404);
    // The sandbox has its own site members and balances.
    expect((await sandbox.setMember('ann', { attributes: { email: 'alice@sandbox.example' } })).status).toBe(
      200,
    );
    expect((await sandbox.wallet({ externalUserID: 'ann' })).data.balance).toBe(1000);
    expect((await server.wallet({ externalUserID: 'ann' })).data.balance).toBe(150);
    const sandboxAnn = sandbox.withToken(
      (await sandbox.exchange({ externalUserID: 'ann' })).data.accessToken,
    );
    const booked = await sandboxAnn.createRedemption(
      { offer: (await offerTitled(sandboxAnn, '$5 off')).id },
      'sbx-1',
    );
    expect(booked.status).toBe(201);
    expect((await server.getRedemption(booked.data.id)).status).toBe(404);
    expect((await server.listRedemptions()).data.redemptions.map((r) => r.id)).toEqual([annRedemption]);
    // A live member cannot be linked in the sandbox: its Wix does not know them.
    expect((await sandbox.setMember('ann-live', { attributes: { wixMemberId: 'm-ann' } })).status).toBe(404);
  });

  it('malformed requests are 422 VALIDATION before anything happens', async () => {
    const raw = await ann.request('POST', '/v1/redemptions', {
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(422);
    const broken = await app.running.app.request(`${BASE_URL}/v1/redemptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${liveKey}`, 'content-type': 'application/json' },
      body: '{"offer": ',
    });
    expect(broken.status).toBe(422);
    expect(((await broken.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    for (const res of [
      await ann.createRedemption({ offer: '' }, 'bad-0001'),
      await ann.request('POST', '/v1/redemptions', { body: { offer: 42 } }),
      await ann.request('POST', '/v1/redemptions', { body: { offer: 'x' }, idempotencyKey: 'k'.repeat(256) }),
      await ann.listRedemptions({ limit: 0 }),
      await ann.listRedemptions({ limit: 101 }),
      await ann.listRedemptions({ status: 'LOST' }),
      await ann.listRedemptions({ cursor: 'not-a-cursor' }),
      await server.creditWallet({ externalUserID: 'ann', amount: -5 }),
      await server.setRedemptionStatus(annRedemption, { status: 'CANCELED' }),
    ]) {
      expect(res.status).toBe(422);
      expect(res.error?.code).toBe('VALIDATION');
    }
    expect((await ann.wallet()).data.balance).toBe(150);
  });

  it('an unknown offer is 404 NOT_FOUND; an unlinked user gets a clear 404', async () => {
    const unknown = await ann.createRedemption({ offer: 'no-such-offer' }, 'unknown-0001');
    expect(unknown.status).toBe(404);
    expect(unknown.error?.code).toBe('NOT_FOUND');
    expect((await ann.getOffer('no-such-offer')).status).toBe(404);
    const stranger = server.withToken(
      (await server.exchange({ externalUserID: 'stranger' })).data.accessToken,
    );
    const res = await stranger.wallet();
    expect(res.status).toBe(404);
    expect(res.error?.message).toMatch(/not linked/);
    expect(res.error?.details).toMatchObject({ reason: 'MEMBER_NOT_LINKED' });
  });

  it('a removed integration’s key and member tokens stop working', async () => {
    const key = await app.integration('gone');
    const gone = app.client(key);
    await app.user(gone, 'gina');
    const token = (await gone.exchange({ externalUserID: 'gina' })).data.accessToken;
    await removeIntegration(app.running.deps, 'gone');
    expect((await gone.listOffers()).status).toBe(401);
    expect((await gone.withToken(token).listOffers()).status).toBe(401);
  });
});

describe('Expys rate limit', () => {
  it('per key: 429 RATE_LIMITED with Retry-After, then allowed again', async () => {
    const app = await startExpysApp({ env: { EXPYS_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const a = app.client(await app.integration('a'));
      const b = app.client(await app.integration('b'));
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await a.listOffers());
      expect(results.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      expect(results[5]?.status).toBe(429);
      expect(results[5]?.error?.code).toBe('RATE_LIMITED');
      expect(Number(results[5]?.retryAfter)).toBeGreaterThanOrEqual(1);
      expect((await b.listOffers()).status).toBe(200);
      app.clock.advance(12_000);
      expect((await a.listOffers()).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
