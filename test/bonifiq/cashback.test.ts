import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASHBACK, type PosTestApp, startPosApp } from './support';

// Cashback (RewardType 3): the customer picks an amount in money (Value) or points (Points); 10 points are
// worth 1.00 (config/gym-program.json), capped by the balance and by what is left to pay on the quoted cart.

describe('BonifiQ cashback at the counter', () => {
  let t: PosTestApp;
  let ana: { email: string; document: string };
  let cashback: number;
  beforeEach(async () => {
    t = await startPosApp();
    ana = await t.customer('ana', 300); // worth 30.00
    cashback = await t.rewardNumber(ana.email, CASHBACK);
  });
  afterEach(() => t.close());

  const redeem = (key: string, amount: { Value?: number; Points?: number }) =>
    t.pos.redeem(cashback, { CustomerId: ana.email, OriginalKey: key, RedeemOrigin: 5, ...amount });

  it('by Value or by Points: debits the matching points; the cap follows the quoted cart', async () => {
    const quote = await t.pos.available(ana.email, 100, 80); // 20.00 left to pay
    expect(quote.body).toMatchObject({ AvailableCashback: 30, MaxCashbackForCurrentPurchase: 20 });

    const byValue = await redeem('cb-value', { Value: 12.5 });
    expect(byValue.body).toMatchObject({ Code: '00', Result: { Point: { Quantity: -125 }, Coupon: null } });
    expect(await t.pointsOf('ana')).toBe(175);

    const after = await t.pos.available(ana.email, 100, 80);
    expect(after.body).toMatchObject({
      AvailablePoints: 175,
      AvailableCashback: 17.5,
      MaxCashbackForCurrentPurchase: 17.5,
    });
    const byPoints = await redeem('cb-points', { Points: 40 });
    expect(byPoints.body).toMatchObject({ Code: '00', Result: { Point: { Quantity: -40 } } });
    expect(await t.pointsOf('ana')).toBe(135);

    // Canceling gives back exactly the points chosen; CashValue is what they were worth.
    const canceled = await t.pos.cancelReward(byValue.body.Result?.RewardId ?? 0);
    expect(canceled.body).toMatchObject({
      Code: '00',
      Result: { IsCanceled: true, CashValue: 12.5, Points: { Points: 125 } },
    });
    expect(await t.pointsOf('ana')).toBe(260);
  });

  it('more than the cart cap or than the balance: an error envelope, nothing changed', async () => {
    await t.pos.available(ana.email, 100, 80); // cap 20.00
    const overCap = await redeem('cb-over-cap', { Value: 20.1 });
    expect(overCap.status).toBe(422);
    expect(overCap.body).toMatchObject({
      HasError: true,
      Severity: 2,
      Code: '06',
      CodeName: 'RewardValueExceedsPurchase',
      Result: null,
    });
    expect(overCap.body.ErrorMessage).toBeTruthy();
    const overCapPoints = await redeem('cb-over-cap-points', { Points: 210 });
    expect(overCapPoints.body).toMatchObject({ HasError: true, Code: '06' });

    await t.pos.available(ana.email, 1000); // cap is the balance now: 30.00
    const overBalance = await redeem('cb-over-balance', { Value: 30.1 });
    expect(overBalance.status).toBe(422);
    expect(overBalance.body).toMatchObject({ HasError: true, Code: '04', CodeName: 'NotEnoughPoints' });
    const overBalancePoints = await redeem('cb-over-balance-points', { Points: 301 });
    expect(overBalancePoints.body).toMatchObject({ HasError: true, Code: '04' });
    expect(await t.pointsOf('ana')).toBe(300);
    expect(await t.running.deps.store.redemptions.list({ memberId: 'ana', limit: 10 })).toMatchObject({
      items: [],
    });

    // The exact cap is fine.
    const exact = await redeem('cb-exact', { Value: 30 });
    expect(exact.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(0);
  });

  it('refuses an amount it cannot take: both fields, neither, fractions of a point, no quoted cart', async () => {
    await t.pos.available(ana.email, 100);
    const both = await redeem('cb-both', { Value: 1, Points: 10 });
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ HasError: true, Severity: 2, Code: '02', CodeName: 'InvalidRequest' });
    const neither = await redeem('cb-neither', {});
    expect(neither.body).toMatchObject({ Code: '02' });
    const fraction = await redeem('cb-fraction', { Value: 0.05 }); // half a point
    expect(fraction.body).toMatchObject({ Code: '02' });
    const coupon = await t.pos.redeem(cashback, {
      CustomerId: ana.email,
      OriginalKey: 'cb-coupon',
      Value: 1,
      ForceGenerateCoupon: true,
    });
    expect(coupon.body).toMatchObject({ Code: '02' });
    expect(await t.pointsOf('ana')).toBe(300);
    // Nothing was claimed: the same key works once the request is fixed.
    const fixed = await redeem('cb-fraction', { Value: 0.1 });
    expect(fixed.body).toMatchObject({ Code: '00', Result: { Point: { Quantity: -1 } } });
    expect(await t.pointsOf('ana')).toBe(299);

    // Without a quoted cart there is no cap to check against.
    t.clock.advance(3 * 3600_000);
    const stale = await redeem('cb-stale', { Value: 1 });
    expect(stale.status).toBe(422);
    expect(stale.body).toMatchObject({ Code: '10', CodeName: 'PurchaseNotQuoted' });
    expect(await t.pointsOf('ana')).toBe(299);
  });
});
