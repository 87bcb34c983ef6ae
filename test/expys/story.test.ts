import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpysClient, Offer, Redemption } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

describe('Expys story (live, points): exchange, browse, redeem once, list, wallet, cancel with one refund', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;
  let member: ExpysClient;
  const offers: Offer[] = [];
  let first: Redemption;
  let second: Redemption;
  const offerNamed = (title: string) => {
    const offer = offers.find((o) => o.title === title);
    if (!offer) throw new Error(`no offer ${title}`);
    return offer;
  };

  beforeAll(async () => {
    app = await startExpysApp();
    server = app.client(await app.integration('acme'));
    member = await app.user(server, 'u-story');
  });
  afterAll(() => app.close());

  it('exchanges the org key and an external user id for a short-lived member token', async () => {
    const grant = await server.exchange({ externalUserID: 'u-story', displayName: 'Story', tier: 'gold' });
    expect(grant.status).toBe(200);
    expect(grant.data.accessToken).toEqual(expect.any(String));
    const ttl = Date.parse(grant.data.expiresAt) - app.clock.now().getTime();
    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(grant.requestId).toEqual(expect.any(String));
  });

  it('browses the offers page by page until nextCursor is null, priced in points', async () => {
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await member.listOffers({ limit: 1, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.data.data.length).toBeLessThanOrEqual(1);
      offers.push(...res.data.data);
      if (!res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    expect(offers.map((o) => [o.title, o.pointsPrice])).toEqual([
      ['Cashback', 10],
      ['$5 off', 50],
      ['10% off', 100],
    ]);
    // Nothing to spend yet, and cashback is spent at the counter, not as a coupon.
    expect(offers.every((o) => !o.availability.isAvailable)).toBe(true);
    expect((await member.getOffer(offerNamed('$5 off').id)).data.title).toBe('$5 off');
  });

  it('credits points with the org key, once per idempotency key', async () => {
    const credit = await server.creditWallet(
      { externalUserID: 'u-story', amount: 120, reason: 'welcome' },
      'credit-1',
    );
    expect(credit.status).toBe(200);
    expect(credit.data.balance).toBe(120);
    const again = await server.creditWallet(
      { externalUserID: 'u-story', amount: 120, reason: 'welcome' },
      'credit-1',
    );
    expect(again).toMatchObject({ status: 200, replayed: true, data: { balance: 120 } });
    expect((await member.wallet()).data.balance).toBe(120);
    const available = await member.listOffers({ available: true });
    expect(available.data.data.map((o) => o.title)).toEqual(['$5 off', '10% off']);
  });

  it('redeems with a key (201, SUBMITTED); the same key replays it with one debit', async () => {
    const offer = offerNamed('$5 off').id;
    const created = await member.createRedemption({ offer }, 'redeem-key-0001');
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ offer, status: 'SUBMITTED', pointsPrice: 50, canceledReason: null });
    expect(created.data.code).toEqual(expect.any(String));
    first = created.data;
    const replay = await member.createRedemption({ offer }, 'redeem-key-0001');
    expect(replay.status).toBe(201);
    expect(replay.replayed).toBe(true);
    expect(replay.data).toEqual(created.data);
    expect((await member.wallet()).data.balance).toBe(70);
  });

  it('another body under that key is 409 IDEMPOTENCY_KEY_REUSED, and changes nothing', async () => {
    const other = await member.createRedemption({ offer: offerNamed('10% off').id }, 'redeem-key-0001');
    expect(other.status).toBe(409);
    expect(other.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await member.wallet()).data.balance).toBe(70);
  });

  it('50 concurrent copies of one request: one redemption, one debit', async () => {
    const offer = offerNamed('$5 off').id;
    // The member holds a booking of it already: a new key is refused unless the entry is repeatable.
    const again = await member.createRedemption({ offer }, 'redeem-key-0002');
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe('REDEMPTION_ALREADY_EXISTS');
    const entry = await app.running.deps.store.catalog.get(offer);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: true });
    app.clock.advance(1000);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => member.createRedemption({ offer }, 'redeem-key-0004')),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.data.id)).size).toBe(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    }
    second = created[0]?.data as Redemption;
    expect(second.id).not.toBe(first.id);
    expect((await member.wallet()).data.balance).toBe(20);
  });

  it('too expensive: 422 INSUFFICIENT_POINTS, nothing changed', async () => {
    const before = await member.listRedemptions({ limit: 100 });
    const res = await member.createRedemption({ offer: offerNamed('10% off').id }, 'redeem-key-0003');
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('INSUFFICIENT_POINTS');
    expect((await member.wallet()).data.balance).toBe(20);
    expect((await member.listRedemptions({ limit: 100 })).data).toEqual(before.data);
  });

  it('lists by status, newest first, until nextCursor is null', async () => {
    const seen: Redemption[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await member.listRedemptions({
        status: 'SUBMITTED',
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      seen.push(...res.data.redemptions);
      if (!res.data.nextCursor) break;
      cursor = res.data.nextCursor;
    }
    expect(seen.map((r) => r.id)).toEqual([second.id, first.id]);
    expect((await member.listRedemptions({ status: 'CANCELED' })).data).toEqual({
      redemptions: [],
      nextCursor: null,
    });
  });

  it('the wallet and its transactions agree with the debits', async () => {
    const wallet = (await member.wallet()).data;
    expect(wallet).toMatchObject({ balance: 20, amountReceived: 120, amountSpent: 100 });
    expect(wallet.currency.name).toBe('Points');
    const { transactions } = (await member.walletTransactions({ limit: 100 })).data;
    const debits = transactions.filter((t) => t.type === 'debit');
    expect(debits.map((t) => [t.amount, t.redemptionID])).toEqual([
      [50, second.id],
      [50, first.id],
    ]);
    const credits = transactions.filter((t) => t.type === 'credit');
    expect(credits.map((t) => t.amount)).toEqual([120]);
    const sum = transactions.reduce((total, t) => total + (t.type === 'credit' ? t.amount : -t.amount), 0);
    expect(sum).toBe(wallet.balance);
  });

  it('cancel → CANCELED with its reason, refunded once; canceling again changes nothing', async () => {
    const canceled = await server.setRedemptionStatus(first.id, {
      status: 'CANCELED',
      reason: 'MEMBER_REQUESTED',
    });
    expect(canceled.status).toBe(200);
    expect(canceled.data).toMatchObject({
      id: first.id,
      status: 'CANCELED',
      canceledReason: 'MEMBER_REQUESTED',
    });
    expect((await member.wallet()).data.balance).toBe(70);
    const again = await server.setRedemptionStatus(first.id, {
      status: 'CANCELED',
      reason: 'MEMBER_REQUESTED',
    });
    expect(again.data.status).toBe('CANCELED');
    expect((await member.wallet()).data.balance).toBe(70);
    const { transactions } = (await member.walletTransactions({ limit: 100 })).data;
    const refunds = transactions.filter((t) => t.type === 'credit' && t.redemptionID === first.id);
    expect(refunds.map((t) => t.amount)).toEqual([50]);
    expect((await member.getRedemption(first.id)).data.status).toBe('CANCELED');
  });
});
