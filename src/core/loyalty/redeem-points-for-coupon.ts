import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import type { IdempotentResult } from '../idempotency';
import type { LoyaltyRewardView } from '../ports/loyalty';
import type { Redemption, RedemptionStatus } from '../redemption';
import { isPointOfSaleOnly, isRedeemableForCoupon } from './list-rewards';
import { requireLoyaltyAccount } from './loyalty-account';
import { requireBalance, spendPoints } from './spend-points';

export interface RedeemPointsForCouponInput {
  memberId: string;
  rewardId: string;
  idempotencyKey: string;
  /** Where the request came from: `site`, `dashboard`, an integration. */
  channel: string;
  actor: Actor;
  /** Where the redemption lands once its coupon is bought: PURCHASED (default) or SUBMITTED (a booking). */
  initialStatus?: Extract<RedemptionStatus, 'SUBMITTED' | 'PURCHASED'>;
  /** The catalog entry picked, when the caller picked one (partner offers). */
  catalogEntryId?: string;
  /** A business rule checked under the member lock, before anything is spent (one booking per member). */
  guard?: () => Promise<void>;
}

/**
 * A member spends points on a coupon reward (seed 001), exactly once per idempotency key although Wix's
 * redeem has no key (spend-points.ts): the reward must be one bought for a coupon and the balance must
 * cover it; the redemption holds the coupon's code.
 */
export function redeemPointsForCoupon(
  deps: CoreDeps,
  input: RedeemPointsForCouponInput,
): Promise<IdempotentResult<Redemption>> {
  return spendPoints(deps, {
    claim: {
      scope: `${input.channel}:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'redeemPointsForCoupon',
      request: { memberId: input.memberId, rewardId: input.rewardId },
    },
    memberId: input.memberId,
    channel: input.channel,
    actor: input.actor,
    keyName: 'idempotency key',
    way: { kind: 'coupon' },
    landsAs: input.initialStatus ?? 'PURCHASED',
    plan: async () => {
      await input.guard?.();
      const reward = await redeemableReward(deps, input.rewardId);
      const account = await requireLoyaltyAccount(deps, input.memberId);
      requireBalance(account, reward.costInPoints);
      const entryId = input.catalogEntryId ?? (await deps.store.catalog.findByRewardId(reward.id))?.id;
      return {
        accountId: account.id,
        reward: { rewardId: reward.id, rewardName: reward.name, catalogEntryId: entryId ?? null },
        points: reward.costInPoints,
      };
    },
    answer: (redemption) => redemption,
  });
}

async function redeemableReward(deps: CoreDeps, rewardId: string) {
  const reward: LoyaltyRewardView | undefined = await deps.loyalty.getReward(rewardId);
  if (!reward) throw new AppError('NOT_FOUND', `No loyalty reward ${rewardId}`);
  if (isPointOfSaleOnly(reward)) {
    throw new AppError(
      'OFFER_UNAVAILABLE',
      `${reward.name} is a point-of-sale reward: it is spent at a store's counter, not bought for a coupon`,
      { details: { rewardId, pointOfSaleOnly: true } },
    );
  }
  if (!isRedeemableForCoupon(reward)) {
    throw new AppError('OFFER_UNAVAILABLE', `The reward ${reward.name} cannot be redeemed for a coupon now`);
  }
  return reward;
}
