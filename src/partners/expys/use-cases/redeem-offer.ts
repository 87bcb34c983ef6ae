import { redeemBenefit } from '../../../core/benefits/redeem-benefit';
import type { Actor, CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import type { IdempotentResult } from '../../../core/idempotency';
import { redeemPointsForCoupon } from '../../../core/loyalty/redeem-points-for-coupon';
import type { CatalogEntry } from '../../../core/ports/store';
import type { Currency, Redemption } from '../../../core/redemption';

export interface RedeemOfferInput {
  memberId: string;
  offerId: string;
  /** The integration's currency: offers in another currency do not exist for it. */
  currency: Currency;
  idempotencyKey: string;
  channel: string;
  actor: Actor;
}

/** How far back a one-per-member check looks through the member's redemptions. */
const MAX_PAGES = 20;

/**
 * A partner books a catalog offer for a member (a booking request: SUBMITTED, paid at once): a tokens offer
 * redeems its benefit, a points offer buys its coupon — both exactly once per idempotency key. A member
 * holding a booking of the offer (not canceled) cannot book it again unless the entry is repeatable,
 * checked under the member's lock so racing bookings with different keys cannot both pass.
 */
export async function redeemOffer(
  deps: CoreDeps,
  input: RedeemOfferInput,
): Promise<IdempotentResult<Redemption>> {
  const entry = await deps.store.catalog.get(input.offerId);
  if (!entry || entry.currency !== input.currency) {
    throw new AppError('NOT_FOUND', `No offer ${input.offerId}`);
  }
  if (!entry.active || entry.stock === 0) {
    throw new AppError('OFFER_UNAVAILABLE', 'This offer is not available now');
  }
  const common = {
    memberId: input.memberId,
    idempotencyKey: input.idempotencyKey,
    channel: input.channel,
    actor: input.actor,
    initialStatus: 'SUBMITTED' as const,
    catalogEntryId: entry.id,
    ...(entry.repeatable ? {} : { guard: () => refuseSecondBooking(deps, input.memberId, entry) }),
  };
  if (entry.benefit)
    return redeemBenefit(deps, { ...common, externalId: entry.benefit.externalId, count: 1 });
  if (entry.reward) return redeemPointsForCoupon(deps, { ...common, rewardId: entry.reward.rewardId });
  throw new AppError('OFFER_UNAVAILABLE', 'This offer has nothing to redeem');
}

/** ALREADY_REDEEMED when the member holds a booking of this entry that was not canceled. */
async function refuseSecondBooking(deps: CoreDeps, memberId: string, entry: CatalogEntry): Promise<void> {
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await deps.store.redemptions.list({ memberId, limit: 100, cursor });
    const booked = page.items.find((r) => r.offer.catalogEntryId === entry.id && r.status !== 'CANCELED');
    if (booked) {
      throw new AppError('ALREADY_REDEEMED', `You already booked ${entry.title}`, {
        details: { redemptionId: booked.id },
      });
    }
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
