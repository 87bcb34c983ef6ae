import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBonifiqIntegration } from '../../src/partners/bonifiq/keys';
import { createBonifiqClient } from './client';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

// The sale as BonifiQ's PoS guide tells a point of sale to run it (partner-apis.md §2.3, §2.7): the order's
// Customer is the Customer block `rewards/available` returned, copied as is (its Document masked).

describe('BonifiQ sale flow: the order echoes the /available Customer block', () => {
  let t: PosTestApp;
  beforeEach(async () => {
    t = await startPosApp();
  });
  afterEach(() => t.close());

  it('registers the order, links the redemption and earns the points', async () => {
    const ana = await t.customer('ana', 500);
    const available = await t.pos.available(ana.document, 120);
    const customer = available.body.Customer;
    expect(customer?.Document).toMatch(/^\*+\d{4}$/);
    const reward = available.body.Rewards.find((r) => r.Title === FIVE_OFF);
    const redeemed = await t.pos.redeem(reward?.Id ?? 0, {
      CustomerId: ana.document,
      OriginalKey: 'sale-9-five-off',
      RedeemOrigin: 5,
    });
    expect(redeemed.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(450);

    const placed = await t.pos.addOrder({
      OriginalId: 'sale-9',
      OrderCompletedDate: t.clock.now().toISOString(),
      IsCompleted: true,
      OrderTotal: 115,
      Coupon: redeemed.body.Result?.ExternalCode ?? null,
      Customer: { ...customer },
    });
    expect(placed.status).toBe(200);
    expect(placed.body).toMatchObject({ Code: '00', CodeName: 'OrderRegistered', Result: { State: 2 } });
    const redemption = await t.running.deps.store.redemptions.findByExternalCode(
      redeemed.body.Result?.ExternalCode ?? '',
    );
    expect(redemption?.status).toBe('COMPLETED');
    expect(await t.pointsOf('ana')).toBe(565);
  });

  it('takes the block with only its Id or only its Email; refuses a masked document that does not match', async () => {
    const ana = await t.customer('ana', 0);
    const bia = await t.customer('bia', 0);
    const customer = (await t.pos.available(ana.email, 10)).body.Customer;
    const masked = customer?.Document ?? '';

    const byId = await t.pos.addOrder({
      OriginalId: 'o-1',
      IsCompleted: true,
      OrderTotal: 10,
      Customer: { Id: customer?.Id ?? null, Document: masked },
    });
    expect(byId.body).toMatchObject({ Code: '00', Result: { EstimatedBonus: { EstimatedPoints: 10 } } });
    const byEmail = await t.pos.addOrder({
      OriginalId: 'o-2',
      IsCompleted: true,
      OrderTotal: 10,
      Customer: { Email: ana.email, Document: masked },
    });
    expect(byEmail.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(20);

    // Bia's email with Ana's masked document, or a masked document alone: nothing is registered.
    const mismatch = await t.pos.addOrder({
      OriginalId: 'o-3',
      IsCompleted: true,
      OrderTotal: 10,
      Customer: { Email: bia.email, Document: masked.endsWith(bia.document.slice(-4)) ? '***0000' : masked },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toMatchObject({ Code: '02', HasError: true });
    expect(mismatch.body.ErrorMessage).toContain('Customer.Document');
    const alone = await t.pos.addOrder({
      OriginalId: 'o-4',
      IsCompleted: true,
      OrderTotal: 10,
      Customer: { Document: masked },
    });
    expect(alone.status).toBe(400);
    // Our member id counts only for a customer this PoS was shown.
    const other = await addBonifiqIntegration(t.running.deps, { name: 'other-pos' });
    const otherPos = createBonifiqClient({
      baseUrl: 'http://pos.test/bonifiq',
      token: other.token,
      key: other.key,
      fetch: async (url, init) => t.running.app.request(url, init),
    });
    const unquoted = await otherPos.addOrder({
      OriginalId: 'o-5',
      IsCompleted: true,
      OrderTotal: 10,
      Customer: { OriginalId: 'ana', Document: masked },
    });
    expect(unquoted.status).toBe(400);
    expect(await t.pointsOf('ana')).toBe(20);
    expect(await t.pointsOf('bia')).toBe(0);
  });
});

describe('BonifiQ reward ids exist from setup', () => {
  it('a fresh server redeems a reward by its id before any PoS listed the rewards', async () => {
    // The id a PoS learned earlier (on another day, another server set up from the same program).
    const before = await startPosApp();
    let fiveOff: number;
    try {
      const ana = await before.customer('ana', 0);
      fiveOff = await before.rewardNumber(ana.email, FIVE_OFF);
    } finally {
      await before.close();
    }
    const fresh = await startPosApp();
    try {
      const bia = await fresh.customer('bia', 500);
      const redeemed = await fresh.pos.redeem(fiveOff, { CustomerId: bia.email, OriginalKey: 'first' });
      expect(redeemed.body).toMatchObject({ Code: '00', Result: { Point: { Quantity: -50 } } });
      expect(await fresh.pointsOf('bia')).toBe(450);
    } finally {
      await fresh.close();
    }
  });
});
