import type { CoreDeps } from '../deps';
import { derivedId } from '../ids';
import type { LoyaltyCouponView } from '../ports/loyalty';
import type { Redemption } from '../redemption';

// Wix's redeemPointsForCoupon takes no idempotency key, so a lost answer cannot be replayed by Wix. We make it
// exactly-once ourselves with an *intent*: before calling Wix, a SUBMITTED redemption is committed under an id
// derived from the idempotency claim. A retry that finds its intent knows an earlier attempt may have
// bought the coupon, and adopts it instead of buying again:
// - debits of one member are serialized (member lock), so while an intent is open no other redemption of
//   ours can create a coupon for that account;
// - a coupon already linked to another of the member's redemptions is never adopted twice;
// - Wix's clock is not ours: coupons up to CLOCK_SKEW_MS older than the intent still count.
// - a Wix call cannot outlive the leases it runs under: every call has a deadline shorter than them, is
//   fenced by them, and a takeover waits out the previous holder's last call (lease.ts).

/** How much older than our intent a coupon may look, because Wix's clock is not ours. */
export const CLOCK_SKEW_MS = 60_000;
/** How far back to look for redemptions that already own a coupon (their Wix call came after their intent). */
const LINK_LOOKBACK_MS = 10 * 60_000;
const MAX_PAGES = 10;

/** The intent's id: the same for every attempt under one (scope, key), so a retry finds it. */
export const intentIdOf = (upstreamKey: string) => derivedId('rdm', 'coupon-intent', upstreamKey);

/**
 * The coupon an earlier attempt of `intent` bought, if Wix made it: the newest coupon of that account and
 * reward created since the intent that no other redemption owns.
 */
export async function adoptableCoupon(
  deps: CoreDeps,
  intent: Redemption,
): Promise<LoyaltyCouponView | undefined> {
  const accountId = intent.wix.loyaltyAccountId;
  if (intent.offer.kind !== 'reward' || !accountId) return undefined;
  const since = Date.parse(intent.createdAt) - CLOCK_SKEW_MS;
  const candidates = await deps.loyalty.findCouponsCreatedSince(
    accountId,
    intent.offer.rewardId,
    new Date(since),
  );
  if (candidates.length === 0) return undefined;
  const owned = await couponsOwnedByRedemptions(deps, intent.memberId, since - LINK_LOOKBACK_MS);
  return candidates.find((coupon) => !owned.has(coupon.id));
}

/** Coupon ids the member's redemptions created since `sinceMs` already hold. */
async function couponsOwnedByRedemptions(deps: CoreDeps, memberId: string, sinceMs: number) {
  const owned = new Set<string>();
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await deps.store.redemptions.list({ memberId, limit: 100, cursor });
    for (const r of page.items) if (r.wix.couponId) owned.add(r.wix.couponId);
    const oldest = page.items.at(-1);
    if (!page.nextCursor || !oldest || Date.parse(oldest.createdAt) < sinceMs) break;
    cursor = page.nextCursor;
  }
  return owned;
}
