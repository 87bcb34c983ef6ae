import { Permissions } from '@wix/web-methods';
import { z } from 'zod';
import { getLoyaltyAccount } from '../src/core/loyalty/get-loyalty-account';
import { listMyCoupons as listMyCouponsUseCase } from '../src/core/loyalty/list-my-coupons';
import { listRewards } from '../src/core/loyalty/list-rewards';
import { redeemPointsForCoupon } from '../src/core/loyalty/redeem-points-for-coupon';
import { asMember } from './context';
import { hosted } from './hosted';
import { parseInput } from './input';
import { idempotencyKey, rewardId } from './schemas';
import { toCouponView, toRedemptionView } from './views';

// Site pages call these for the signed-in member. None of them takes a member or account id: the points
// spent are always the caller's (Wix's own sample lets any visitor name the account — we do not).

export const getMyLoyaltyAccount = hosted(
  'loyalty',
  'getMyLoyaltyAccount',
  Permissions.SiteMember,
  async () => {
    const { deps, memberId } = await asMember();
    return getLoyaltyAccount(deps, memberId);
  },
);

/** The rewards a member can buy for a coupon (not point-of-sale-only ones), and whether they can afford each. */
export const getMyAffordableRewards = hosted(
  'loyalty',
  'getMyAffordableRewards',
  Permissions.SiteMember,
  async () => {
    const { deps, memberId } = await asMember();
    return listRewards(deps, memberId);
  },
);

const redeemMyPointsInput = z.strictObject({ rewardId, idempotencyKey });

/** Seed 001: spend points on a coupon reward, exactly once per idempotency key. */
export const redeemMyPointsForCoupon = hosted(
  'loyalty',
  'redeemMyPointsForCoupon',
  Permissions.SiteMember,
  async (input: z.input<typeof redeemMyPointsInput>) => {
    const args = parseInput(redeemMyPointsInput, input);
    const { deps, memberId, actor } = await asMember();
    const { value, replayed } = await redeemPointsForCoupon(deps, {
      ...args,
      memberId,
      channel: 'site',
      actor,
    });
    return { redemption: toRedemptionView(value), replayed };
  },
);

export const listMyCoupons = hosted('loyalty', 'listMyCoupons', Permissions.SiteMember, async () => {
  const { deps, memberId } = await asMember();
  return { items: (await listMyCouponsUseCase(deps, memberId)).map(toCouponView) };
});
