import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoyaltyTestApp, startLoyaltyApp, TEN_PERCENT } from './support';

// Wix's redeemPointsForCoupon has no idempotency key: these prove we make it exactly-once ourselves.

let app: LoyaltyTestApp;
beforeEach(async () => {
  app = await startLoyaltyApp();
});
afterEach(() => app.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a coupon redemption interrupted after Wix made the coupon', () => {
  it('is adopted by the retry: one coupon, one debit', async () => {
    const token = await app.memberWithPoints('ana', 250);
    const rewardId = app.rewardId(TEN_PERCENT);
    app.running.emulator?.faults.add({
      kind: 'drop-after-commit',
      path: '/loyalty-coupons/v1/coupons',
      method: 'POST',
    });

    const lost = await app.redeem(token, rewardId, 'crash-key-0001');
    expect(lost.status).toBe(503);
    expect(lost.body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    // Wix did the work: the points are gone and the coupon exists, but we never heard back.
    const made = await app.couponsOf('ana');
    expect(made).toHaveLength(1);
    expect(await app.pointsOf('ana')).toBe(150);

    const retry = await app.redeem(token, rewardId, 'crash-key-0001');
    expect(retry.status).toBe(200);
    expect(retry.body.result?.replayed).toBe(false);
    expect(retry.body.result?.redemption).toMatchObject({
      status: 'PURCHASED',
      couponCode: made[0]?.code,
      price: 100,
    });
    expect(await app.couponsOf('ana')).toHaveLength(1);
    expect(await app.pointsOf('ana')).toBe(150);

    const replay = await app.redeem(token, rewardId, 'crash-key-0001');
    expect(replay.body.result).toEqual({ ...retry.body.result, replayed: true });
    expect(await app.couponsOf('ana')).toHaveLength(1);
  });

  it('does not adopt a coupon another redemption already owns', async () => {
    const token = await app.memberWithPoints('bob', 300);
    const rewardId = app.rewardId(TEN_PERCENT);
    const earlier = await app.redeem(token, rewardId, 'earlier-key-0001');
    expect(earlier.status).toBe(200);

    // The next attempt fails before Wix makes anything: the retry must buy, not adopt the earlier coupon.
    app.running.emulator?.faults.add({
      kind: 'unavailable',
      path: '/loyalty-coupons/v1/coupons',
      method: 'POST',
    });
    expect((await app.redeem(token, rewardId, 'later-key-0001')).status).toBe(503);
    expect(await app.pointsOf('bob')).toBe(200);

    const retry = await app.redeem(token, rewardId, 'later-key-0001');
    expect(retry.status).toBe(200);
    expect(retry.body.result?.redemption.couponCode).not.toBe(earlier.body.result?.redemption.couponCode);
    expect(await app.couponsOf('bob')).toHaveLength(2);
    expect(await app.pointsOf('bob')).toBe(100);
  });

  it('is adopted by a retry that takes over an expired lease while the first attempt is still waiting on Wix', async () => {
    const token = await app.memberWithPoints('cy', 100);
    const rewardId = app.rewardId(TEN_PERCENT);
    app.running.emulator?.faults.add({
      kind: 'latency',
      ms: 1000,
      path: '/loyalty-coupons/v1/coupons',
      method: 'POST',
    });

    const slow = app.redeem(token, rewardId, 'takeover-key-0001');
    // Wait until the first attempt has recorded its intent and is inside the (slow) Wix call.
    const inFlight = async () =>
      (await app.running.deps.store.redemptions.list({ memberId: 'cy', limit: 5 })).items.some(
        (r) => r.status === 'SUBMITTED',
      );
    for (let i = 0; !(await inFlight()); i++) {
      if (i > 400) throw new Error('the first attempt never reached Wix');
      await sleep(5);
    }
    app.clock.advance(61_000);
    const takeover = app.redeem(token, rewardId, 'takeover-key-0001');
    const [first, second] = await Promise.all([slow, takeover]);

    // The first attempt lost its lease: its commit is refused; the retry adopted the coupon it bought.
    expect(first.body.error?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(second.status).toBe(200);
    const coupons = await app.couponsOf('cy');
    expect(coupons).toHaveLength(1);
    expect(second.body.result?.redemption.couponCode).toBe(coupons[0]?.code);
    expect(await app.pointsOf('cy')).toBe(0);
    const stored = await app.running.deps.store.redemptions.list({ memberId: 'cy', limit: 5 });
    expect(stored.items.map((r) => r.status)).toEqual(['PURCHASED']);
  });
});

describe('a key reused after it was purged', () => {
  it('is refused instead of buying a second coupon under the same redemption id', async () => {
    const token = await app.memberWithPoints('eli', 300);
    const rewardId = app.rewardId(TEN_PERCENT);
    expect((await app.redeem(token, rewardId, 'old-key-0001')).status).toBe(200);
    app.clock.advance(25 * 3600_000);
    await app.running.deps.store.idempotency.purgeCompletedBefore(app.clock.now());

    const again = await app.redeem(token, rewardId, 'old-key-0001');
    expect(again.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await app.couponsOf('eli')).toHaveLength(1);
    expect(await app.pointsOf('eli')).toBe(200);
  });
});

describe('concurrent redemptions', () => {
  it('30 distinct keys on 1000 points: exactly 10 coupons, 20 refusals, balance 0', async () => {
    const token = await app.memberWithPoints('dee', 1000);
    const rewardId = app.rewardId(TEN_PERCENT);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.redeem(token, rewardId, `burst-key-${String(i).padStart(4, '0')}`),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(results.filter((r) => r.body.error?.code === 'INSUFFICIENT_BALANCE')).toHaveLength(20);

    const codes = new Set(results.map((r) => r.body.result?.redemption.couponCode).filter(Boolean));
    expect(codes.size).toBe(10);
    expect(await app.couponsOf('dee')).toHaveLength(10);
    expect(await app.pointsOf('dee')).toBe(0);
    const stored = await app.running.deps.store.redemptions.list({ memberId: 'dee', limit: 100 });
    expect(stored.items.filter((r) => r.status === 'PURCHASED')).toHaveLength(10);
    expect(stored.items).toHaveLength(10);
  });
});
