import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benefitEntryId } from '../../src/server/catalog-sync';
import { GYM_ITEMS } from '../support/app';
import type { ExpysClient, Offer } from './client';
import { type ExpysTestApp, startExpysApp } from './support';

describe('Expys lifecycle: the site drives the booking; illegal steps are refused', () => {
  let app: ExpysTestApp;
  let server: ExpysClient;
  let kim: ExpysClient;
  let fiveOff: Offer;
  let key = 0;
  const book = async (client: ExpysClient, offer = fiveOff.id) => {
    const res = await client.createRedemption({ offer }, `life-${++key}`);
    app.clock.advance(1000);
    return res;
  };

  beforeAll(async () => {
    app = await startExpysApp();
    server = app.client(await app.integration('acme'));
    kim = await app.user(server, 'kim');
    await server.creditWallet({ externalUserID: 'kim', amount: 1000 }, 'life-credit');
    const offer = (await kim.listOffers()).data.data.find((o) => o.title === '$5 off');
    if (!offer) throw new Error('no $5 off');
    fiveOff = offer;
    // These bookings walk the lifecycle again and again: the offer may be booked while one stands.
    const entry = await app.running.deps.store.catalog.get(offer.id);
    if (entry) await app.running.deps.store.catalog.upsert({ ...entry, repeatable: true });
  });
  afterAll(() => app.close());

  it('SUBMITTED → OPEN → AWAITING_CUSTOMER → AWAITING_VENDOR → PURCHASED → COMPLETED; nothing after', async () => {
    const { id } = (await book(kim)).data;
    for (const status of ['OPEN', 'AWAITING_CUSTOMER', 'AWAITING_VENDOR', 'PURCHASED', 'COMPLETED']) {
      const moved = await server.setRedemptionStatus(id, { status, note: `now ${status}` });
      expect(moved.status).toBe(200);
      expect(moved.data.status).toBe(status);
    }
    for (const status of ['OPEN', 'CANCELED']) {
      const refused = await server.setRedemptionStatus(id, { status, reason: 'OTHER' });
      expect(refused.status).toBe(409);
      expect(refused.error?.code).toBe('ILLEGAL_TRANSITION');
    }
    expect((await kim.wallet()).data.balance).toBe(950);
  });

  it('skipping ahead is refused; moving to the current status changes nothing', async () => {
    const { id } = (await book(kim)).data;
    const skip = await server.setRedemptionStatus(id, { status: 'PURCHASED' });
    expect(skip.status).toBe(409);
    expect(skip.error?.details).toMatchObject({ status: 'SUBMITTED', allowed: ['OPEN', 'CANCELED'] });
    expect((await server.setRedemptionStatus(id, { status: 'OPEN' })).data.status).toBe('OPEN');
    expect((await server.setRedemptionStatus(id, { status: 'OPEN' })).data.status).toBe('OPEN');
    const history = await app.running.deps.store.redemptions.events(id);
    expect(history.map((e) => e.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'OPEN']);
  });

  it('another integration cannot move (or see) this one’s redemptions', async () => {
    const { id } = (await book(kim)).data;
    const other = app.client(await app.integration('other'));
    expect((await other.setRedemptionStatus(id, { status: 'OPEN' })).status).toBe(404);
    expect((await other.getRedemption(id)).status).toBe(404);
  });

  it('the dashboard drives the same lifecycle (updateRedemptionStatus), cancel refunds once', async () => {
    const { id } = (await book(kim)).data;
    const before = (await kim.wallet()).data.balance;
    const admin = await app.adminToken();
    const opened = await app.call<{ status: string }>(
      'dashboard/updateRedemptionStatus',
      [{ redemptionId: id, status: 'OPEN' }],
      admin,
    );
    expect(opened.body.result?.status).toBe('OPEN');
    const illegal = await app.call(
      'dashboard/updateRedemptionStatus',
      [{ redemptionId: id, status: 'COMPLETED' }],
      admin,
    );
    expect(illegal.body.error?.code).toBe('ILLEGAL_TRANSITION');
    const noReason = await app.call(
      'dashboard/updateRedemptionStatus',
      [{ redemptionId: id, status: 'CANCELED' }],
      admin,
    );
    expect(noReason.body.error?.code).toBe('VALIDATION');
    const canceled = await Promise.all(
      Array.from({ length: 5 }, () =>
        app.call<{ status: string; canceledReason: string }>(
          'dashboard/updateRedemptionStatus',
          [{ redemptionId: id, status: 'CANCELED', reason: 'SOLD_OUT' }],
          admin,
        ),
      ),
    );
    for (const c of canceled)
      expect(c.body.result).toMatchObject({ status: 'CANCELED', canceledReason: 'SOLD_OUT' });
    expect((await kim.wallet()).data.balance).toBe(before + 50);
    expect((await kim.getRedemption(id)).data).toMatchObject({
      status: 'CANCELED',
      canceledReason: 'SOLD_OUT',
    });
    const member = await app.memberToken('m-kim');
    const denied = await app.call(
      'dashboard/updateRedemptionStatus',
      [{ redemptionId: id, status: 'OPEN' }],
      member,
    );
    expect(denied.body.error?.code).toBe('FORBIDDEN');
  });

  it('an offer booked once per member: a second booking is 409 REDEMPTION_ALREADY_EXISTS, even racing', async () => {
    const entry = await app.running.deps.store.catalog.get(fiveOff.id);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: false });
    const lee = await app.user(server, 'lee');
    await server.creditWallet({ externalUserID: 'lee', amount: 500 }, 'lee-credit');
    const racing = await Promise.all(
      Array.from({ length: 8 }, (_, i) => lee.createRedemption({ offer: fiveOff.id }, `lee-race-${i}`)),
    );
    expect(racing.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of racing.filter((r) => r.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.error?.code).toBe('REDEMPTION_ALREADY_EXISTS');
    }
    expect((await lee.wallet()).data.balance).toBe(450);
    // Once canceled, it may be booked again.
    const booked = racing.find((r) => r.status === 201)?.data.id ?? '';
    await server.setRedemptionStatus(booked, { status: 'CANCELED', reason: 'MEMBER_REQUESTED' });
    expect((await lee.createRedemption({ offer: fiveOff.id }, 'lee-again')).status).toBe(201);
    await app.running.deps.store.catalog.upsert({ ...entry, repeatable: true });
  });

  it('an offer out of stock is not available and cannot be booked', async () => {
    const entry = await app.running.deps.store.catalog.get(fiveOff.id);
    if (!entry) throw new Error('no entry');
    await app.running.deps.store.catalog.upsert({ ...entry, stock: 0 });
    expect((await kim.getOffer(fiveOff.id)).data.availability).toEqual({
      isAvailable: false,
      quantityRemaining: 0,
    });
    const res = await kim.createRedemption({ offer: fiveOff.id }, 'stock-0001');
    expect(res.status).toBe(422);
    expect(res.error?.code).toBe('OFFER_UNAVAILABLE');
    await app.running.deps.store.catalog.upsert({ ...entry, stock: null });
  });
});

describe('Expys with a tokens integration: benefits, redeemed and refunded in tokens', () => {
  it('offers are the gym merchandise; a booking spends tokens; cancel gives them back', async () => {
    const app = await startExpysApp();
    try {
      const server = app.client(await app.integration('gym-partner', 'live', 'tokens'));
      const max = await app.user(server, 'max');
      await server.creditWallet({ externalUserID: 'max', amount: 25 }, 'max-tokens');
      const offers = (await max.listOffers({ limit: 100 })).data.data;
      expect(offers).toHaveLength(6);
      expect(offers.map((o) => o.pointsPrice)).toEqual([10, 10, 20, 20, 30, 30]);
      expect(offers.filter((o) => o.availability.isAvailable).map((o) => o.pointsPrice)).toEqual([
        10, 10, 20, 20,
      ]);
      const bottle = benefitEntryId(GYM_ITEMS.waterBottle);
      const booked = await max.createRedemption({ offer: bottle }, 'max-0001');
      expect(booked.data).toMatchObject({ status: 'SUBMITTED', offer: bottle, pointsPrice: 10, code: null });
      expect((await max.wallet()).data).toMatchObject({ balance: 15, amountReceived: 25, amountSpent: 10 });
      const hoodie = await max.createRedemption({ offer: benefitEntryId(GYM_ITEMS.hoodie) }, 'max-0002');
      expect(hoodie.error?.code).toBe('INSUFFICIENT_POINTS');
      await server.setRedemptionStatus(booked.data.id, { status: 'CANCELED', reason: 'DATE_UNAVAILABLE' });
      expect((await max.wallet()).data.balance).toBe(25);
      const ledger = (await max.walletTransactions()).data.transactions;
      expect(
        ledger
          .filter((t) => t.redemptionID === booked.data.id)
          .map((t) => [t.type, t.amount])
          .sort(),
      ).toEqual([
        ['credit', 10],
        ['debit', 10],
      ]);
    } finally {
      await app.close();
    }
  });
});
