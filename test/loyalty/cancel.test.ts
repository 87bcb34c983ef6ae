import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import { FIVE_OFF, type LoyaltyTestApp, startLoyaltyApp, TEN_PERCENT } from './support';

let app: LoyaltyTestApp;
beforeEach(async () => {
  app = await startLoyaltyApp();
});
afterEach(() => app.close());

const cancel = (redemptionId: string, reason = 'customer changed their mind') =>
  app.call<RedemptionView>('dashboard/cancelRedemption', [{ redemptionId, reason }], app.admin);

async function boughtCoupon(memberId: string, points: number, reward = TEN_PERCENT) {
  const token = await app.memberWithPoints(memberId, points);
  const res = await app.redeem(token, app.rewardId(reward), `buy-${memberId}-0001`);
  const redemption = res.body.result?.redemption;
  if (!redemption) throw new Error(JSON.stringify(res.body));
  return redemption;
}

/** The REFUND-side transactions Wix holds for the member (our refunds are earns keyed by the redemption). */
async function refundsOf(memberId: string) {
  const sdk = app.running.wix.elevated;
  const account = (await sdk.accounts.getAccountBySecondaryId({ memberId })).account;
  const txs = await sdk.loyaltyTransactions
    .queryLoyaltyTransactions()
    .eq('accountId', account?._id)
    .limit(100)
    .find();
  return txs.items.filter((t) => t.description?.startsWith('Refund'));
}

describe('cancelRedemption of a coupon redemption', () => {
  it('archives the coupon and gives the points back once; a second cancel changes nothing', async () => {
    const redemption = await boughtCoupon('ana', 130);
    expect(await app.pointsOf('ana')).toBe(30);

    const first = await cancel(redemption.id);
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({
      id: redemption.id,
      status: 'CANCELED',
      canceledReason: 'customer changed their mind',
    });
    expect(await app.pointsOf('ana')).toBe(130);
    expect(await app.couponsOf('ana')).toEqual([expect.objectContaining({ status: 'ARCHIVED' })]);

    const second = await cancel(redemption.id, 'again');
    expect(second.status).toBe(200);
    expect(second.body.result).toEqual(first.body.result);
    expect(await app.pointsOf('ana')).toBe(130);
    expect(await refundsOf('ana')).toHaveLength(1);

    const stored = await app.running.deps.store.redemptions.get(redemption.id);
    expect(stored?.wix.refundTransactionId).toEqual(expect.any(String));
  });

  it('two concurrent cancels give the points back once and agree on the result', async () => {
    const redemption = await boughtCoupon('bo', 100);
    // Slow Wix down so both cancels are past their status check before either finishes.
    app.running.emulator?.faults.add({
      kind: 'latency',
      ms: 50,
      path: '/loyalty-coupons/v1/coupons/',
      method: 'GET',
      times: 2,
    });
    const [a, b] = await Promise.all([cancel(redemption.id, 'one'), cancel(redemption.id, 'two')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.result).toEqual(b.body.result);
    expect(await app.pointsOf('bo')).toBe(100);
    expect(await refundsOf('bo')).toHaveLength(1);
    const events = await app.running.deps.store.redemptions.events(redemption.id);
    expect(events.map((e) => e.status)).toEqual(['SUBMITTED', 'PURCHASED', 'CANCELED']);
  });

  it('a cancel retried after losing the credit answer credits once', async () => {
    const redemption = await boughtCoupon('cy', 100, FIVE_OFF);
    app.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/earn-points', method: 'POST' });
    const lost = await cancel(redemption.id);
    expect(lost.body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await app.pointsOf('cy')).toBe(100);

    const retry = await cancel(redemption.id);
    expect(retry.body.result?.status).toBe('CANCELED');
    expect(await app.pointsOf('cy')).toBe(100);
    expect(await refundsOf('cy')).toHaveLength(1);
  });

  it('refuses to cancel once the coupon was used at checkout', async () => {
    const redemption = await boughtCoupon('di', 100);
    const [coupon] = await app.couponsOf('di');
    // Checkout is outside this app: mark the coupon used the way Wix would.
    const store = app.running.emulator?.store;
    store?.transact((tx) => {
      const doc = tx.get<{ id: string; status: string }>('loyalty-coupons', coupon?.id ?? '');
      if (doc) tx.put('loyalty-coupons', { ...doc, status: 'APPLIED' });
    });
    const res = await cancel(redemption.id);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(await app.pointsOf('di')).toBe(0);
    expect((await app.running.deps.store.redemptions.get(redemption.id))?.status).toBe('PURCHASED');
  });
});
