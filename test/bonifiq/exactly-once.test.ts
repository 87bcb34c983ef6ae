import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIVE_OFF, type PosTestApp, startPosApp, TEN_PERCENT } from './support';

// Neither Wix call the counter spends with takes an idempotency key (adjust, redeemPointsForCoupon): these
// prove an OriginalKey still spends once — under load, across a lost answer, and with a coupon.

describe('BonifiQ redeem exactly once', () => {
  let t: PosTestApp;
  beforeEach(async () => {
    t = await startPosApp();
  });
  afterEach(() => t.close());

  it('20 concurrent redeems on one account never overdraw; 20 concurrent retries of one key debit once', async () => {
    const ana = await t.customer('ana', 120);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF); // 50 points each
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.pos.redeem(fiveOff, { CustomerId: ana.email, OriginalKey: `race-${i}`, RedeemOrigin: 5 }),
      ),
    );
    const codes = replies.map((r) => r.body.Code);
    expect(codes.filter((c) => c === '00')).toHaveLength(2);
    expect(codes.filter((c) => c === '04')).toHaveLength(18);
    expect(await t.pointsOf('ana')).toBe(20);
    const codesSeen = new Set(replies.map((r) => r.body.Result?.ExternalCode).filter(Boolean));
    expect(codesSeen.size).toBe(2);

    const bob = await t.customer('bob', 500);
    const same = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.pos.redeem(fiveOff, { CustomerId: bob.email, OriginalKey: 'bob-once' }),
      ),
    );
    const done = same.filter((r) => r.body.Code === '00');
    // The rest were told the first attempt is still running (retry later), never a second debit.
    expect(same.every((r) => r.body.Code === '00' || r.body.Code === '95')).toBe(true);
    expect(new Set(done.map((r) => r.body.Result?.ExternalCode)).size).toBe(1);
    expect(await t.pointsOf('bob')).toBe(450);

    // One purchase raced from 20 tills: one reward (the check and the record are serialized per customer).
    const cy = await t.customer('cy', 5000);
    const racing = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.pos.redeem(fiveOff, {
          CustomerId: cy.email,
          OriginalKey: `cy-till-${i}`,
          Metadatas: [{ Name: 'PurchaseId', Value: 'one-sale' }],
        }),
      ),
    );
    expect(racing.filter((r) => r.body.Code === '00')).toHaveLength(1);
    expect(racing.filter((r) => r.body.Code === '07')).toHaveLength(19);
    expect(await t.pointsOf('cy')).toBe(4950);
  });

  it('a debit whose answer was lost is found by the retry, not made twice', async () => {
    const ana = await t.customer('ana', 100);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    t.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/adjust-points', method: 'POST' });
    const body = { CustomerId: ana.email, OriginalKey: 'lost-answer' };

    const lost = await t.pos.redeem(fiveOff, body);
    expect(lost.status).toBe(503);
    expect(lost.body).toMatchObject({ HasError: true, Code: '98', CodeName: 'ServiceUnavailable' });
    expect(await t.pointsOf('ana')).toBe(50); // Wix did debit

    const retry = await t.pos.redeem(fiveOff, body);
    expect(retry.body).toMatchObject({ Code: '00', Result: { Point: { Quantity: -50 } } });
    expect(await t.pointsOf('ana')).toBe(50);
    expect((await t.pos.redeem(fiveOff, body)).body).toEqual(retry.body);
  });

  it('ForceGenerateCoupon makes one real Wix coupon, even across a lost answer; its code links the order', async () => {
    const ana = await t.customer('ana', 250);
    const tenPercent = await t.rewardNumber(ana.email, TEN_PERCENT);
    t.running.emulator?.faults.add({
      kind: 'drop-after-commit',
      path: '/loyalty-coupons/v1/coupons',
      method: 'POST',
    });
    const body = { CustomerId: ana.document, OriginalKey: 'with-coupon', ForceGenerateCoupon: true };

    expect((await t.pos.redeem(tenPercent, body)).status).toBe(503);
    const redeemed = await t.pos.redeem(tenPercent, body);
    expect(redeemed.body).toMatchObject({
      Code: '00',
      Result: { Coupon: { CouponType: 1, CouponValue: 10 }, Point: { Quantity: -100 } },
    });
    const coupon = redeemed.body.Result?.Coupon;
    expect(redeemed.body.Result?.ExternalCode).toBe(coupon?.CouponCode);
    const account = await t.running.wix.elevated.accounts.getAccountBySecondaryId({ memberId: 'ana' });
    const coupons = await t.running.wix.elevated.coupons
      .queryLoyaltyCoupons()
      .eq('accountId', account.account?._id)
      .find();
    expect(coupons.items.map((c) => c.couponReference?.code)).toEqual([coupon?.CouponCode]);
    expect(await t.pointsOf('ana')).toBe(150);

    const order = await t.pos.addOrder({
      OriginalId: 'sale-c',
      IsCompleted: true,
      OrderTotal: 90,
      Coupon: coupon?.CouponCode ?? '',
      Customer: { Document: ana.document },
    });
    expect(order.body).toMatchObject({ Code: '00' });
    const redemption = await t.running.deps.store.redemptions.findByExternalCode(coupon?.CouponCode ?? '');
    expect(redemption?.status).toBe('COMPLETED');
    expect(await t.pointsOf('ana')).toBe(240);

    // Canceled before use: the coupon is archived and its points come back.
    const another = await t.pos.redeem(tenPercent, { ...body, OriginalKey: 'with-coupon-2' });
    expect(await t.pointsOf('ana')).toBe(140);
    const canceled = await t.pos.cancelRewardByKey('with-coupon-2');
    expect(canceled.body).toMatchObject({ Code: '00', Result: { IsCanceled: true, CashValue: null } });
    const archived = await t.running.wix.elevated.coupons
      .queryLoyaltyCoupons()
      .eq('accountId', account.account?._id)
      .find();
    const second = archived.items.find(
      (c) => c.couponReference?.code === another.body.Result?.Coupon?.CouponCode,
    );
    expect(second?.status).toBe('ARCHIVED');
    expect(await t.pointsOf('ana')).toBe(240);
  });

  it('one reward per purchase: a second reward for a named purchase is refused until the first is canceled', async () => {
    const ana = await t.customer('ana', 500);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    const tenPercent = await t.rewardNumber(ana.email, TEN_PERCENT);
    const purchase = [{ Name: 'PurchaseId', Value: 'sale-9' }];
    const first = await t.pos.redeem(fiveOff, {
      CustomerId: ana.email,
      OriginalKey: 'p9-a',
      Metadatas: purchase,
    });
    expect(first.body.Code).toBe('00');

    const second = await t.pos.redeem(tenPercent, {
      CustomerId: ana.email,
      OriginalKey: 'p9-b',
      Metadatas: purchase,
    });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ HasError: true, Code: '07', CodeName: 'OneRewardPerPurchase' });
    expect(await t.pointsOf('ana')).toBe(450);

    // Another purchase is fine; so is this one once its reward is given back.
    const other = await t.pos.redeem(tenPercent, {
      CustomerId: ana.email,
      OriginalKey: 'p10-a',
      Metadatas: [{ Name: 'OrderId', Value: 'sale-10' }],
    });
    expect(other.body.Code).toBe('00');
    await t.pos.cancelRewardByKey('p9-a');
    const again = await t.pos.redeem(tenPercent, {
      CustomerId: ana.email,
      OriginalKey: 'p9-c',
      Metadatas: purchase,
    });
    expect(again.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(300);
  });
});
