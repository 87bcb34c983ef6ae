import type { CoreDeps } from '../deps';
import type { LoyaltyRewardKind, LoyaltyRewardView } from '../ports/loyalty';
import { findLoyaltyAccount } from './loyalty-account';

export interface RewardOffer {
  rewardId: string;
  name: string;
  kind: LoyaltyRewardKind;
  costInPoints: number | null;
  /** Percent off, money off, or money per `costInPoints` (discount amount / cashback); null for free shipping. */
  value: number | null;
  /** Can be bought for a coupon now (false for a coupon reward without a base-tier price). */
  redeemable: boolean;
  /** Redeemable and the member has the points now. */
  affordable: boolean;
}

export interface RewardOffers {
  balance: number;
  items: RewardOffer[];
}

/** A reward that can be exchanged for a coupon: a coupon reward with a base-tier price. */
export const isRedeemableForCoupon = (
  reward: LoyaltyRewardView,
): reward is LoyaltyRewardView & { costInPoints: number } =>
  reward.active && reward.couponReward && reward.costInPoints !== null;

/**
 * Spent only at a point of sale: a discount amount (cashback) that the counter converts from points while
 * the customer pays. Wix turns only coupon rewards into coupons, so a site member cannot buy it.
 */
export const isPointOfSaleOnly = (reward: LoyaltyRewardView): boolean => reward.kind === 'discountAmount';

/**
 * The active rewards a site member can buy for a coupon (point-of-sale-only ones are not theirs to pick),
 * cheapest first, each saying whether the member can afford it now.
 */
export async function listRewards(deps: CoreDeps, memberId: string): Promise<RewardOffers> {
  const [rewards, account] = await Promise.all([
    deps.loyalty.listRewards(),
    findLoyaltyAccount(deps, memberId),
  ]);
  const balance = account?.balance ?? 0;
  const items = rewards
    .filter((reward) => !isPointOfSaleOnly(reward))
    .map((reward): RewardOffer => {
      const redeemable = isRedeemableForCoupon(reward);
      return {
        rewardId: reward.id,
        name: reward.name,
        kind: reward.kind,
        costInPoints: reward.costInPoints,
        value: reward.value,
        redeemable,
        affordable:
          redeemable && account !== undefined && balance >= (reward.costInPoints ?? Number.POSITIVE_INFINITY),
      };
    });
  items.sort(
    (a, b) => (a.costInPoints ?? Number.POSITIVE_INFINITY) - (b.costInPoints ?? Number.POSITIVE_INFINITY),
  );
  return { balance, items };
}
