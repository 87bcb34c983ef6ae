import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpysClient, Offer } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

// What an Expys client typed against Expys' published schema reads: every call below goes
// through the typed client (test/expys/schema.ts), so a field of the wrong type or a missing one fails.

describe('Expys published shapes: numbers where Expys says number, absent where it has nothing', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;
  let zoe: ExpysClient;
  let fiveOff: Offer;

  beforeAll(async () => {
    // 1 point is worth 2 cents here: 50 units per dollar.
    app = await startExpysApp({ env: { EXPYS_USD_PER_POINT: '0.02' } });
    server = app.client(await app.integration('acme'));
    zoe = await app.user(server, 'zoe');
    await server.creditWallet({ externalUserID: 'zoe', amount: 200 }, 'zoe-credit');
    const offer = (await zoe.listOffers()).data.data.find((o) => o.title === '$5 off');
    if (!offer) throw new Error('no $5 off');
    fiveOff = offer;
  });
  afterAll(() => app.close());

  it('offers: display is {amount: number, currency: {name, symbol, unitsPerUSD}}; unlimited stock has no quantityRemaining', async () => {
    expect(fiveOff.display).toEqual({
      amount: 50,
      currency: { name: 'Points', symbol: 'PTS', unitsPerUSD: 50 },
    });
    expect(fiveOff.valueUSD).toBe(1);
    expect(fiveOff.availability).toEqual({ isAvailable: true });
    expect(typeof fiveOff.description).toBe('string');

    const entry = await app.running.deps.store.catalog.get(fiveOff.id);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, stock: 3 });
    expect((await zoe.getOffer(fiveOff.id)).data.availability).toEqual({
      isAvailable: true,
      quantityRemaining: 3,
    });
    await app.running.deps.store.catalog.upsert(entry);
  });

  it('wallet: *Display and *USD are numbers, from the configured dollar value of a point', async () => {
    const wallet = (await zoe.wallet()).data;
    expect(wallet).toMatchObject({
      balance: 200,
      balanceDisplay: 200,
      balanceUSD: 4,
      amountReceived: 200,
      amountReceivedDisplay: 200,
      amountReceivedUSD: 4,
      amountSpent: 0,
      amountSpentDisplay: 0,
      amountSpentUSD: 0,
      currency: { name: 'Points', symbol: 'PTS', unitsPerUSD: 50 },
    });
    const credit = await server.creditWallet({ externalUserID: 'zoe', amount: 1 }, 'zoe-credit-2');
    expect(credit.data.currency.unitsPerUSD).toBe(50);
  });

  it('tier is a string, or absent when none was set', async () => {
    expect((await zoe.eligibility()).data).not.toHaveProperty('tier');
    expect((await server.getMember('zoe')).data).not.toHaveProperty('tier');
    await server.setMember('zoe', { tier: 'gold' });
    expect((await zoe.eligibility()).data.tier).toBe('gold');
    expect((await server.getMember('zoe')).data.tier).toBe('gold');
  });

  it('GET /v1/webhooks answers {data: [...]}', async () => {
    await server.registerWebhook({ url: 'https://hooks.example.com/expys', events: ['redemption.created'] });
    const list = await server.listWebhooks();
    expect(list.status).toBe(200);
    expect(list.data.data).toHaveLength(1);
    expect(list.data).not.toHaveProperty('webhooks');
  });

  it('a redemption canceled outside Expys shows one of Expys’ cancel reasons', async () => {
    await app.running.deps.store.catalog
      .get(fiveOff.id)
      .then((e) => e && app.running.deps.store.catalog.upsert({ ...e, repeatable: true }));
    const booked = await zoe.createRedemption({ offer: fiveOff.id }, 'zoe-book-1');
    const admin = await app.adminToken();
    const canceled = await app.call(
      'dashboard/cancelRedemption',
      [{ redemptionId: booked.data.id, reason: 'staff changed their mind' }],
      admin,
    );
    expect(canceled.status).toBe(200);
    expect((await zoe.getRedemption(booked.data.id)).data).toMatchObject({
      status: 'CANCELED',
      canceledReason: 'OTHER',
    });
  });
});
