import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASHBACK, FIVE_OFF, type LoyaltyTestApp, startLoyaltyApp, TEN_PERCENT } from './support';

let app: LoyaltyTestApp;
beforeEach(async () => {
  app = await startLoyaltyApp();
});
afterEach(() => app.close());

describe('redeemMyPointsForCoupon', () => {
  it('spends 100 of 120 points on a 10% coupon, records it, and replays it under the same key', async () => {
    const token = await app.memberWithPoints('ana', 120);
    const rewardId = app.rewardId(TEN_PERCENT);

    const first = await app.redeem(token, rewardId, 'redeem-ana-0001');
    expect(first.status).toBe(200);
    const redemption = first.body.result?.redemption;
    expect(first.body.result?.replayed).toBe(false);
    expect(redemption).toMatchObject({
      memberId: 'ana',
      channel: 'site',
      status: 'PURCHASED',
      kind: 'reward',
      rewardId,
      count: 1,
      price: 100,
      currency: 'points',
      couponCode: expect.stringMatching(/^[A-Z0-9]{12}$/),
    });
    expect(await app.pointsOf('ana')).toBe(20);

    const again = await app.redeem(token, rewardId, 'redeem-ana-0001');
    expect(again.status).toBe(200);
    expect(again.body.result?.replayed).toBe(true);
    expect(again.body.result?.redemption.id).toBe(redemption?.id);
    expect(again.body.result?.redemption.couponCode).toBe(redemption?.couponCode);

    const coupons = await app.couponsOf('ana');
    expect(coupons).toEqual([{ id: expect.any(String), code: redemption?.couponCode, status: 'ACTIVE' }]);
    expect(await app.pointsOf('ana')).toBe(20);

    const stored = await app.running.deps.store.redemptions.get(redemption?.id ?? '');
    expect(stored?.wix).toMatchObject({ couponId: coupons[0]?.id, couponCode: redemption?.couponCode });
    expect(
      (await app.running.deps.store.redemptions.events(redemption?.id ?? '')).map((e) => e.status),
    ).toEqual(['SUBMITTED', 'PURCHASED']);
  });

  it('refuses a redemption the points do not cover and changes nothing', async () => {
    const token = await app.memberWithPoints('bea', 99);
    const res = await app.redeem(token, app.rewardId(TEN_PERCENT), 'redeem-bea-0001');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      details: { available: 99, requested: 100 },
    });
    expect(await app.pointsOf('bea')).toBe(99);
    expect(await app.couponsOf('bea')).toEqual([]);
    expect((await app.running.deps.store.redemptions.list({ memberId: 'bea', limit: 10 })).items).toEqual([]);
  });

  it("spends only the caller's points: no argument names an account", async () => {
    await app.memberWithPoints('rich', 500);
    const poor = await app.memberWithPoints('poor', 0);
    const rewardId = app.rewardId(FIVE_OFF);

    for (const extra of [{ memberId: 'rich' }, { accountId: 'anything' }, { loyaltyAccountId: 'x' }]) {
      const res = await app.call(
        'loyalty/redeemMyPointsForCoupon',
        [{ rewardId, idempotencyKey: 'steal-0001', ...extra }],
        poor,
      );
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION');
    }
    const own = await app.redeem(poor, rewardId, 'steal-0002');
    expect(own.body.error?.code).toBe('INSUFFICIENT_BALANCE');
    expect(await app.pointsOf('rich')).toBe(500);
    expect(await app.couponsOf('rich')).toEqual([]);
  });

  it('validates input before doing anything', async () => {
    const token = await app.memberWithPoints('cid', 200);
    const rewardId = app.rewardId(TEN_PERCENT);
    const cases: [unknown[], string][] = [
      [[{ rewardId }], 'VALIDATION'],
      [[{ rewardId, idempotencyKey: 'short' }], 'VALIDATION'],
      [[{ rewardId: 42, idempotencyKey: 'valid-key-0001' }], 'VALIDATION'],
      [[{ rewardId: '', idempotencyKey: 'valid-key-0001' }], 'VALIDATION'],
      [['not an object'], 'VALIDATION'],
      [[], 'VALIDATION'],
      [[{ rewardId: '00000000-0000-0000-0000-000000000000', idempotencyKey: 'valid-key-0002' }], 'NOT_FOUND'],
    ];
    for (const [args, code] of cases) {
      const res = await app.call('loyalty/redeemMyPointsForCoupon', args, token);
      expect({ args, code: res.body.error?.code }).toEqual({ args, code });
    }
    expect(await app.pointsOf('cid')).toBe(200);
    expect(await app.couponsOf('cid')).toEqual([]);
  });

  it('refuses the cashback reward by id: it is spent at the point of sale, not bought for a coupon', async () => {
    const token = await app.memberWithPoints('dan', 200);
    const res = await app.redeem(token, app.rewardId(CASHBACK), 'cashback-0001');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({
      code: 'OFFER_UNAVAILABLE',
      message:
        "Cashback is a point-of-sale reward: it is spent at a store's counter, not bought for a coupon",
      details: { rewardId: app.rewardId(CASHBACK), pointOfSaleOnly: true },
    });
    expect(await app.pointsOf('dan')).toBe(200);
  });

  it('needs a signed-in site member', async () => {
    const rewardId = app.rewardId(TEN_PERCENT);
    const visitor = await app.call('loyalty/redeemMyPointsForCoupon', [
      { rewardId, idempotencyKey: 'visitor-0001' },
    ]);
    expect(visitor.status).toBe(401);
    expect(visitor.body.error?.code).toBe('UNAUTHENTICATED');
    const admin = await app.call(
      'loyalty/redeemMyPointsForCoupon',
      [{ rewardId, idempotencyKey: 'admin-0001' }],
      app.admin,
    );
    expect(admin.status).toBe(403);
    const member = await app.memberWithPoints('eve', 0);
    for (const method of ['dashboard/redeemPointsForCoupon', 'dashboard/adjustPoints']) {
      const res = await app.call(
        method,
        [{ memberId: 'eve', rewardId, amount: 5, reason: 'x', idempotencyKey: 'member-0001' }],
        member,
      );
      expect(res.status).toBe(403);
      expect(res.body.error?.code).toBe('FORBIDDEN');
    }
  });
});

describe('the member’s loyalty pages', () => {
  it('show the account, the rewards with what is affordable, and the coupons', async () => {
    const token = await app.memberWithPoints('fay', 60);
    const account = await app.call('loyalty/getMyLoyaltyAccount', [], token);
    expect(account.body.result).toMatchObject({ accountId: expect.any(String), balance: 60, adjusted: 60 });

    const rewards = await app.call<{ balance: number; items: Record<string, unknown>[] }>(
      'loyalty/getMyAffordableRewards',
      [],
      token,
    );
    expect(rewards.body.result?.balance).toBe(60);
    // Cashback is spent at the point of sale: not a reward a site member can pick.
    expect(rewards.body.result?.items).toEqual([
      expect.objectContaining({
        name: FIVE_OFF,
        kind: 'fixedAmount',
        costInPoints: 50,
        value: 5,
        affordable: true,
      }),
      expect.objectContaining({
        name: TEN_PERCENT,
        kind: 'percentage',
        costInPoints: 100,
        value: 10,
        affordable: false,
      }),
    ]);

    const bought = await app.redeem(token, app.rewardId(FIVE_OFF), 'fay-coupon-0001');
    const coupons = await app.call<{ items: Record<string, unknown>[] }>('loyalty/listMyCoupons', [], token);
    expect(coupons.body.result?.items).toEqual([
      expect.objectContaining({
        code: bought.body.result?.redemption.couponCode,
        rewardName: FIVE_OFF,
        status: 'ACTIVE',
      }),
    ]);
  });

  it('show an empty account to a member who has none yet', async () => {
    app.addSiteMember('gus');
    const token = await app.memberToken('gus');
    const account = await app.call('loyalty/getMyLoyaltyAccount', [], token);
    expect(account.body.result).toEqual({ accountId: null, balance: 0, earned: 0, redeemed: 0, adjusted: 0 });
    const coupons = await app.call('loyalty/listMyCoupons', [], token);
    expect(coupons.body.result).toEqual({ items: [] });
    const res = await app.redeem(token, app.rewardId(FIVE_OFF), 'gus-coupon-0001');
    expect(res.body.error?.code).toBe('OFFER_UNAVAILABLE');
  });
});

describe('dashboard', () => {
  it('redeems points for a member, lists it, and shows the points in the overview', async () => {
    await app.memberWithPoints('hal', 150);
    const rewardId = app.rewardId(FIVE_OFF);
    const res = await app.call<{ redemption: { id: string; channel: string; couponCode: string } }>(
      'dashboard/redeemPointsForCoupon',
      [{ memberId: 'hal', rewardId, idempotencyKey: 'desk-hal-0001' }],
      app.admin,
    );
    expect(res.status).toBe(200);
    expect(res.body.result?.redemption).toMatchObject({
      channel: 'dashboard',
      couponCode: expect.any(String),
    });

    const listed = await app.call<{ items: { id: string; currency: string; couponCode: string }[] }>(
      'dashboard/listRedemptions',
      [{ memberId: 'hal' }],
      app.admin,
    );
    expect(listed.body.result?.items).toEqual([
      expect.objectContaining({
        id: res.body.result?.redemption.id,
        currency: 'points',
        couponCode: res.body.result?.redemption.couponCode,
      }),
    ]);

    const overview = await app.call('dashboard/getMemberOverview', [{ memberId: 'hal' }], app.admin);
    expect(overview.body.result).toMatchObject({ pointsBalance: 100, loyaltyAccountId: expect.any(String) });
  });

  it('enrolling opens the loyalty account once', async () => {
    app.addSiteMember('ivy');
    const first = await app.call<{ loyaltyAccountId: string }>(
      'dashboard/enrollMember',
      [{ memberId: 'ivy' }],
      app.admin,
    );
    const second = await app.call<{ loyaltyAccountId: string }>(
      'dashboard/enrollMember',
      [{ memberId: 'ivy' }],
      app.admin,
    );
    expect(first.body.result?.loyaltyAccountId).toEqual(expect.any(String));
    expect(second.body.result?.loyaltyAccountId).toBe(first.body.result?.loyaltyAccountId);
    const all = await app.running.wix.elevated.accounts.queryLoyaltyAccounts().eq('memberId', 'ivy').find();
    expect(all.items).toHaveLength(1);
  });
});
