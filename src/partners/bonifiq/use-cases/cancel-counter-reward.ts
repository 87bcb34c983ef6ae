import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { upstreamKeyOf } from '../../../core/idempotency';
import { intentIdOf } from '../../../core/loyalty/coupon-intent';
import { withMemberLock } from '../../../core/member-lock';
import { type CounterCustomer, customerProfile } from '../../../core/members/customer';
import type { Redemption } from '../../../core/redemption';
import { cancelUnderLock } from '../../../core/redemptions/cancel-redemption';
import { rateOf, rewardOfRedemption } from './counter-catalog';
import { centsForPoints } from './money';
import { counterScope, redemptionNumbers } from './redeem-at-counter';

/** How a PoS names the reward it cancels: the RewardId it got back, or the OriginalKey it redeemed with. */
export type CounterRedemptionRef = { number: number } | { originalKey: string };

export interface CanceledAtCounter {
  redemption: Redemption;
  customer: CounterCustomer;
  number: number;
  /** What it was worth in money at the counter, in cents (null for a percentage). */
  cashValueCents: number | null;
  /** It was canceled before this request: nothing changed now. */
  alreadyCanceled: boolean;
}

/**
 * The PoS gives a reward back (the cart changed, the sale was aborted): the points come back exactly once
 * (cancelRedemption's keyed refund, marked as being canceled first), under the customer's lock, so an order
 * cannot complete it halfway. A canceled reward stays canceled; a used one (its order came) cannot be.
 */
export async function cancelCounterReward(
  deps: CoreDeps,
  input: { integration: string; ref: CounterRedemptionRef },
): Promise<CanceledAtCounter> {
  const found = await findCounterRedemption(deps, input.integration, input.ref);
  return withMemberLock(deps, found.memberId, async (lock) => {
    const current = await deps.store.redemptions.get(found.id);
    if (!current) throw new AppError('NOT_FOUND', 'No such reward redeemed here');
    const alreadyCanceled = current.status === 'CANCELED';
    const redemption = alreadyCanceled
      ? current
      : await cancelUnderLock(
          deps,
          {
            redemptionId: current.id,
            reason: 'CANCELED_AT_COUNTER',
            actor: { kind: 'integration', name: input.integration },
          },
          lock,
        );
    const number = await deps.store.counter.numberOf(
      redemptionNumbers(input.integration),
      redemption.id,
      deps.clock.now(),
    );
    const [customer, cashValueCents] = await Promise.all([
      customerProfile(deps, redemption.memberId),
      cashValueOf(deps, redemption),
    ]);
    return { redemption, customer, number, cashValueCents, alreadyCanceled };
  });
}

/** This integration's redemption; another integration's (or a site one) is NOT_FOUND here. */
async function findCounterRedemption(
  deps: CoreDeps,
  integration: string,
  ref: CounterRedemptionRef,
): Promise<Redemption> {
  const id =
    'number' in ref
      ? await deps.store.counter.refOf(redemptionNumbers(integration), ref.number)
      : intentIdOf(upstreamKeyOf(counterScope(integration), ref.originalKey));
  const redemption = id ? await deps.store.redemptions.get(id) : undefined;
  if (!redemption || redemption.channel !== integration) {
    throw new AppError('NOT_FOUND', 'No such reward redeemed here');
  }
  return redemption;
}

async function cashValueOf(deps: CoreDeps, redemption: Redemption): Promise<number | null> {
  if (redemption.offer.kind !== 'reward' || !redemption.offer.catalogEntryId) return null;
  const reward = await rewardOfRedemption(
    deps,
    redemption.offer.catalogEntryId,
    redemption.offer.rewardId,
  ).catch(() => undefined); // informational: a reward deleted since must not fail a done cancel
  if (!reward) return null;
  if (reward.kind === 'percentage' || reward.kind === 'productDiscount') return null;
  if (reward.kind === 'fixedAmount') return Math.round(reward.value * 100);
  return centsForPoints(redemption.price, rateOf(reward));
}
