import { accounts, coupons } from '@wix/loyalty';
import { createClient } from '@wix/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSiteMember } from '../../src/emulator/members/routes';
import { type LocalWix, memberSession, startLocalWix, wixErrorCode } from '../support/local-wix';

let local: LocalWix;
beforeEach(() => {
  local = startLocalWix();
});
afterEach(() => local.close());

async function failure(p: Promise<unknown>): Promise<{ code: unknown; status: unknown }> {
  try {
    await p;
  } catch (err) {
    return { code: wixErrorCode(err), status: (err as { status?: unknown }).status };
  }
  throw new Error('expected the call to fail');
}

/** A member's account holding `points`. */
async function fundedAccount(points: number, memberId = 'm1') {
  const { contact } = addSiteMember(local.emulator, { id: memberId, email: `${memberId}@example.com` });
  const { account } = await local.sdk.accounts.createAccount(contact.id);
  const accountId = account?._id ?? '';
  if (points > 0) {
    await local.sdk.accounts.earnPoints(accountId, {
      amount: points,
      appId: 'app',
      idempotencyKey: `seed-${memberId}`,
    });
  }
  return accountId;
}

/** A $10-off coupon reward: 100 points in the base tier, 80 in a "gold" tier. */
const tenOff = (active = true) =>
  local.sdk.rewards.createReward({
    name: '10 off',
    active,
    type: 'COUPON_REWARD',
    couponReward: {
      fixedAmount: {
        configsByTier: [
          { tierId: 'gold-tier', costInPoints: 80, amount: 10 },
          { costInPoints: 100, amount: 10 },
        ],
      },
      minimumSubtotal: Number.POSITIVE_INFINITY,
    },
  });

const redeem = (rewardId: string, accountId: string) =>
  local.sdk.coupons.redeemPointsForCoupon(rewardId, { loyaltyAccountId: accountId });

const txOf = async (accountId: string) =>
  (
    await local.sdk.loyaltyTransactions
      .queryLoyaltyTransactions()
      .eq('accountId', accountId)
      .limit(100)
      .find()
  ).items;

describe('loyalty rewards', () => {
  it('creates each reward type; lists only active ones; updates with revision; deletes', async () => {
    const fixed = await tenOff();
    expect(fixed._id).toEqual(expect.any(String));
    expect(fixed.couponReward?.minimumSubtotal).toBe(Number.POSITIVE_INFINITY);
    const percent = await local.sdk.rewards.createReward({
      name: '15%',
      active: true,
      type: 'COUPON_REWARD',
      couponReward: { percentage: { configsByTier: [{ costInPoints: 150, percentage: 15 }] } },
    });
    const shipping = await local.sdk.rewards.createReward({
      name: 'Free shipping',
      active: false,
      type: 'COUPON_REWARD',
      couponReward: { freeShipping: { configsByTier: [{ costInPoints: 40 }] } },
    });
    const discount = await local.sdk.rewards.createReward({
      name: 'R$10',
      active: true,
      type: 'DISCOUNT_AMOUNT',
      discountAmount: { configsByTier: [{ amount: '10', costInPoints: 60 }] },
    });
    expect(
      (await local.sdk.rewards.getReward(discount._id ?? '')).discountAmount?.configsByTier?.[0]?.amount,
    ).toBe('10');

    const listed = await local.sdk.rewards.listRewards({ cursorPaging: { limit: 2 } });
    expect(listed.rewards?.map((r) => r.name)).toEqual(['10 off', '15%']);
    const rest = await local.sdk.rewards.listRewards({
      cursorPaging: { limit: 2, cursor: listed.pagingMetadata?.cursors?.next ?? '' },
    });
    expect(rest.rewards?.map((r) => r.name)).toEqual(['R$10']);
    expect(rest.pagingMetadata?.cursors?.next ?? null).toBeNull();

    const updated = await local.sdk.rewards.updateReward(shipping._id ?? '', { active: true, revision: '1' });
    expect(updated.reward).toMatchObject({ active: true, revision: '2', name: 'Free shipping' });
    expect((await failure(local.sdk.rewards.updateReward(shipping._id ?? '', { revision: '1' }))).code).toBe(
      'REVISION_MISMATCH',
    );
    await local.sdk.rewards.deleteReward(percent._id ?? '', '1');
    expect((await failure(local.sdk.rewards.getReward(percent._id ?? ''))).code).toBe('REWARD_NOT_FOUND');
    expect(fixed.revision).toBe('1');
  });

  it('rejects malformed rewards', async () => {
    const twoKinds = local.sdk.rewards.createReward({
      name: 'bad',
      type: 'COUPON_REWARD',
      couponReward: {
        fixedAmount: { configsByTier: [{ costInPoints: 1, amount: 1 }] },
        percentage: { configsByTier: [{ costInPoints: 1, percentage: 1 }] },
      },
    });
    expect((await failure(twoKinds)).status).toBe(400);
    const noCost = local.sdk.rewards.createReward({
      name: 'bad',
      type: 'DISCOUNT_AMOUNT',
      discountAmount: { configsByTier: [{ amount: '5', costInPoints: 0 }] },
    });
    expect((await failure(noCost)).status).toBe(400);
  });
});

describe('redeeming points for coupons', () => {
  it('redeems 100 of 120 at the base-tier cost: coupon with a code, ACTIVE, REDEEM transaction', async () => {
    const accountId = await fundedAccount(120);
    const reward = await tenOff();
    const { coupon } = await redeem(reward._id ?? '', accountId);
    expect(coupon).toMatchObject({
      accountId,
      memberId: 'm1',
      status: 'ACTIVE',
      rewardName: '10 off',
      revision: '1',
    });
    expect(coupon?.couponReference?.code).toMatch(/^[A-Z0-9]{12}$/);
    expect(coupon?.couponReference?.specification).toMatchObject({
      type: 'MONEY_OFF_AMOUNT',
      moneyOffAmount: 10,
      minimumSubtotal: Number.POSITIVE_INFINITY,
    });
    expect(coupon?._createdDate).toBeInstanceOf(Date);

    const account = await local.sdk.accounts.getAccount(accountId);
    expect(account.points).toMatchObject({ balance: 20, earned: 120, redeemed: 100 });
    expect(account.rewardAvailable).toBe(false);
    const redeemTx = (await txOf(accountId)).find((t) => t.transactionType === 'REDEEM');
    expect(redeemTx).toMatchObject({ _id: coupon?.transactionId, amount: -100 });
    expect(redeemTx?.redeemInfo).toMatchObject({ rewardId: reward._id, referenceEntityId: coupon?._id });
    expect((await local.sdk.coupons.getLoyaltyCoupon(coupon?._id ?? '')).couponReference?.code).toBe(
      coupon?.couponReference?.code,
    );
  });

  it('changes nothing when points are short or the reward cannot be redeemed', async () => {
    const accountId = await fundedAccount(99);
    const reward = await tenOff();
    expect(await failure(redeem(reward._id ?? '', accountId))).toEqual({
      code: 'NOT_ENOUGH_POINTS',
      status: 428,
    });
    expect((await local.sdk.accounts.getAccount(accountId)).points?.balance).toBe(99);
    expect(
      (await local.sdk.coupons.queryLoyaltyCoupons().eq('accountId', accountId).find()).items,
    ).toHaveLength(0);
    expect((await txOf(accountId)).map((t) => t.transactionType)).toEqual(['EARN']);

    const inactive = await tenOff(false);
    expect((await failure(redeem(inactive._id ?? '', accountId))).code).toBe('REWARD_NOT_ACTIVE');
    expect((await failure(redeem('no-reward', accountId))).code).toBe('REWARD_NOT_FOUND');
    expect((await failure(redeem(reward._id ?? '', 'no-account'))).code).toBe('ACCOUNT_NOT_FOUND');
    const goldOnly = await local.sdk.rewards.createReward({
      name: 'gold',
      active: true,
      type: 'COUPON_REWARD',
      couponReward: { freeShipping: { configsByTier: [{ tierId: 'gold-tier', costInPoints: 1 }] } },
    });
    expect((await failure(redeem(goldOnly._id ?? '', accountId))).code).toBe('REWARD_NOT_AVAILABLE');
    expect((await local.sdk.accounts.getAccount(accountId)).points?.balance).toBe(99);
  });

  it('gives exactly 10 coupons to 30 concurrent redemptions of 100 on 1000 points', async () => {
    const accountId = await fundedAccount(1000);
    const reward = await tenOff();
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, () => redeem(reward._id ?? '', accountId)),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(10);
    expect(lost.map((r) => wixErrorCode(r.reason))).toEqual(Array(20).fill('NOT_ENOUGH_POINTS'));
    const reason = lost[0]?.reason as { details?: { applicationError?: { data?: unknown } } } | undefined;
    const data = reason?.details?.applicationError?.data;
    expect(data).toEqual({ accountId, available: 0, requested: 100 });
    expect((await local.sdk.accounts.getAccount(accountId)).points?.balance).toBe(0);
    const all = await local.sdk.coupons.queryLoyaltyCoupons().eq('accountId', accountId).find();
    expect(new Set(all.items.map((c) => c.couponReference?.code)).size).toBe(10);
    expect((await txOf(accountId)).filter((t) => t.transactionType === 'REDEEM')).toHaveLength(10);
  });

  it("redeems for the current member named by the member's access token", async () => {
    const accountId = await fundedAccount(250, 'm1');
    const reward = await tenOff();
    const member = createClient({ modules: { coupons, accounts }, ...(await memberSession(local, 'm1')) });
    const { coupon } = await member.coupons.redeemCurrentMemberPointsForCoupon(reward._id ?? '');
    expect(coupon).toMatchObject({ accountId, memberId: 'm1', status: 'ACTIVE' });
    expect((await member.accounts.getCurrentMemberAccount()).account?.points?.balance).toBe(150);
    const mine = await member.coupons.getCurrentMemberCoupons();
    expect(mine.loyaltyCoupons?.map((c) => c._id)).toEqual([coupon?._id]);
    expect(
      (await failure(local.sdk.coupons.redeemCurrentMemberPointsForCoupon(reward._id ?? ''))).status,
    ).toBe(403);
  });

  it('pages coupons by account and archives a deleted one without refunding', async () => {
    const accountId = await fundedAccount(500);
    const otherId = await fundedAccount(100, 'm2');
    const reward = await tenOff();
    const mine = [];
    for (let i = 0; i < 3; i++) {
      mine.push((await redeem(reward._id ?? '', accountId)).coupon?._id);
      local.clock.advance(1000);
    }
    await redeem(reward._id ?? '', otherId);

    const page1 = await local.sdk.coupons
      .queryLoyaltyCoupons()
      .eq('accountId', accountId)
      .descending('_createdDate')
      .limit(2)
      .find();
    expect(page1.items.map((c) => c._id)).toEqual([mine[2], mine[1]]);
    const page2 = await page1.next();
    expect(page2.items.map((c) => c._id)).toEqual([mine[0]]);
    expect(page2.hasNext()).toBe(false);

    const target = await local.sdk.coupons.getLoyaltyCoupon(mine[0] ?? '');
    expect((await failure(local.sdk.coupons.deleteLoyaltyCoupon(target._id ?? '', '7'))).code).toBe(
      'REVISION_MISMATCH',
    );
    await local.sdk.coupons.deleteLoyaltyCoupon(target._id ?? '', target.revision ?? '');
    const archived = await local.sdk.coupons.getLoyaltyCoupon(target._id ?? '');
    expect(archived).toMatchObject({ status: 'ARCHIVED', revision: '2', couponReference: { deleted: true } });
    expect((await local.sdk.accounts.getAccount(accountId)).points?.balance).toBe(200);
    const active = await local.sdk.coupons
      .queryLoyaltyCoupons()
      .eq('accountId', accountId)
      .eq('status', 'ACTIVE')
      .find();
    expect(active.items).toHaveLength(2);
    const since = await local.sdk.coupons
      .queryLoyaltyCoupons()
      .ge('_createdDate', new Date(local.clock.now().getTime() - 1500))
      .find();
    expect(since.items.map((c) => c._id)).toEqual([mine[2], expect.any(String)]);
  });

  it('pages loyalty transactions newest first through pagingMetadata cursors', async () => {
    const accountId = await fundedAccount(300);
    const reward = await tenOff();
    local.clock.advance(1000);
    await redeem(reward._id ?? '', accountId);
    local.clock.advance(1000);
    await local.sdk.accounts.adjustPoints(accountId, { amount: 100, description: 'refund' });
    const page1 = await local.sdk.loyaltyTransactions
      .queryLoyaltyTransactions()
      .eq('accountId', accountId)
      .descending('_createdDate')
      .limit(2)
      .find();
    expect(page1.items.map((t) => [t.transactionType, t.amount])).toEqual([
      ['ADJUST', 100],
      ['REDEEM', -100],
    ]);
    expect(page1.items[0]?._createdDate).toBeInstanceOf(Date);
    const page2 = await page1.next();
    expect(page2.items.map((t) => [t.transactionType, t.amount])).toEqual([['EARN', 300]]);
    expect(page2.hasNext()).toBe(false);
  });
});
