import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError, type ErrorCode, toAppError } from '../errors';
import { type IdempotentResult, type IdempotentRun, runIdempotent } from '../idempotency';
import { beforeWixCall, type Lease } from '../lease';
import { withMemberLock } from '../member-lock';
import type { LoyaltyCouponView, LoyaltyRewardView } from '../ports/loyalty';
import type { Redemption, RedemptionStatus } from '../redemption';
import { adoptableCoupon, intentIdOf } from './coupon-intent';
import { isPointOfSaleOnly, isRedeemableForCoupon } from './list-rewards';
import { requireLoyaltyAccount } from './loyalty-account';

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

/** Answers from Wix that mean no coupon was made: the intent is closed as rejected. */
const REJECTED: ReadonlySet<ErrorCode> = new Set(['INSUFFICIENT_BALANCE', 'OFFER_UNAVAILABLE', 'NOT_FOUND']);

/**
 * A member spends points on a coupon reward (seed 001), exactly once per idempotency key although Wix's
 * redeem has no key: record the intent, buy the coupon, record the coupon — and on a retry adopt the
 * coupon an earlier attempt bought (coupon-intent.ts) instead of buying another.
 */
export async function redeemPointsForCoupon(
  deps: CoreDeps,
  input: RedeemPointsForCouponInput,
): Promise<IdempotentResult<Redemption>> {
  return runIdempotent<Redemption>(
    deps,
    {
      scope: `${input.channel}:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'redeemPointsForCoupon',
      request: { memberId: input.memberId, rewardId: input.rewardId },
    },
    (run) =>
      withMemberLock(deps, input.memberId, async (lock) => {
        const fence = [run.lease, lock];
        const earlier = await deps.store.redemptions.get(intentIdOf(run.upstreamKey));
        if (earlier) return resume(deps, run, earlier, input, fence);
        await input.guard?.();

        const reward = await redeemableReward(deps, input.rewardId);
        const account = await requireLoyaltyAccount(deps, input.memberId);
        if (account.balance < reward.costInPoints) {
          throw new AppError('INSUFFICIENT_BALANCE', 'Not enough points for this reward', {
            details: { available: account.balance, requested: reward.costInPoints },
          });
        }
        const intent = await recordIntent(deps, run, input, reward, account.id);
        return complete(deps, run, intent, await buyCoupon(deps, intent, input.actor, fence), input);
      }),
  );
}

/**
 * A retry under a key whose intent exists: adopt the coupon Wix made for it, or buy it now. The earlier
 * attempt's Wix call is over by now: it ran under leases this attempt holds, and a takeover waits out its
 * deadline (lease.ts).
 */
async function resume(
  deps: CoreDeps,
  run: IdempotentRun<Redemption>,
  intent: Redemption,
  input: RedeemPointsForCouponInput,
  fence: readonly Lease[],
): Promise<Redemption> {
  // Keys are purged 24 h after they finish; the same key sent again later must not reuse that redemption.
  if (!run.resumed) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was used before; use a new key.');
  }
  if (intent.status === 'CANCELED') {
    throw new AppError('OFFER_UNAVAILABLE', 'This redemption was rejected; try again with a new key.');
  }
  if (intent.wix.couponId) return run.commit(intent);
  const adopted = await adoptableCoupon(deps, intent);
  if (adopted) {
    deps.log.info(
      { redemptionId: intent.id, couponId: adopted.id },
      'adopted a coupon an earlier attempt bought',
    );
    return complete(deps, run, intent, adopted, input);
  }
  // Nothing was bought: buy now (Wix itself refuses a reward that became unavailable; the intent closes).
  return complete(deps, run, intent, await buyCoupon(deps, intent, input.actor, fence), input);
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

/** Commits the SUBMITTED redemption before Wix is called, so a retry knows a coupon may exist. */
async function recordIntent(
  deps: CoreDeps,
  run: IdempotentRun<Redemption>,
  input: RedeemPointsForCouponInput,
  reward: LoyaltyRewardView & { costInPoints: number },
  accountId: string,
): Promise<Redemption> {
  const entryId = input.catalogEntryId ?? (await deps.store.catalog.findByRewardId(reward.id))?.id;
  const now = deps.clock.now().toISOString();
  const intent: Redemption = {
    id: intentIdOf(run.upstreamKey),
    memberId: input.memberId,
    channel: input.channel,
    offer: {
      kind: 'reward',
      rewardId: reward.id,
      rewardName: reward.name,
      catalogEntryId: entryId ?? null,
    },
    count: 1,
    price: reward.costInPoints,
    currency: 'points',
    status: 'SUBMITTED',
    canceledReason: null,
    canceledNote: null,
    wix: { loyaltyAccountId: accountId },
    externalCode: null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.redemptions.insert(intent, {
    redemptionId: intent.id,
    status: 'SUBMITTED',
    at: now,
    actor: actorName(input.actor),
    note: null,
  });
  return intent;
}

/**
 * The one Wix call that spends points, fenced: only while this attempt still holds its leases. A definite
 * refusal closes the intent; anything else leaves it open.
 */
async function buyCoupon(
  deps: CoreDeps,
  intent: Redemption,
  actor: Actor,
  fence: readonly Lease[],
): Promise<LoyaltyCouponView> {
  if (intent.offer.kind !== 'reward' || !intent.wix.loyaltyAccountId) {
    throw new AppError('INTERNAL', `Redemption ${intent.id} is not a loyalty reward intent`);
  }
  await beforeWixCall(fence);
  try {
    return await deps.loyalty.redeemPointsForCoupon(intent.offer.rewardId, intent.wix.loyaltyAccountId);
  } catch (thrown) {
    const error = toAppError(thrown);
    if (REJECTED.has(error.code)) {
      const at = deps.clock.now().toISOString();
      await deps.store.redemptions.transition(
        intent.id,
        ['SUBMITTED'],
        { canceledReason: 'REJECTED', canceledNote: error.message },
        { redemptionId: intent.id, status: 'CANCELED', at, actor: actorName(actor), note: error.code },
      );
    }
    throw error;
  }
}

/** Links the coupon to the intent and completes the key, in one transaction. */
function complete(
  deps: CoreDeps,
  run: IdempotentRun<Redemption>,
  intent: Redemption,
  coupon: LoyaltyCouponView,
  { actor, initialStatus = 'PURCHASED' }: Pick<RedeemPointsForCouponInput, 'actor' | 'initialStatus'>,
): Promise<Redemption> {
  const at = deps.clock.now().toISOString();
  const wix = {
    ...intent.wix,
    couponId: coupon.id,
    couponCode: coupon.code,
    ...(coupon.transactionId ? { transactionId: coupon.transactionId } : {}),
  };
  const purchased: Redemption = {
    ...intent,
    status: initialStatus,
    wix,
    externalCode: coupon.code,
    updatedAt: at,
  };
  return run.commit(purchased, async (tx) => {
    const moved = await tx.redemptions.transition(
      intent.id,
      ['SUBMITTED'],
      // The coupon code is what an order carries back: it completes this redemption (orders webhook).
      { wix, externalCode: coupon.code },
      {
        redemptionId: intent.id,
        status: initialStatus,
        at,
        actor: actorName(actor),
        note: `coupon ${coupon.code}`,
      },
    );
    if (!moved)
      throw new AppError('INTERNAL', `Redemption ${intent.id} left SUBMITTED before its coupon was linked`);
  });
}
