import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { Redemption, WixRefs } from '../redemption';
import { creditPointsBack } from './refund-points';

const ARCHIVE_ATTEMPTS = 3;

/**
 * REFUND semantics of a coupon redemption (cancel):
 * 1. Archive the coupon first — points given back must never coexist with a usable coupon. A coupon
 *    already used at checkout (APPLIED) cannot be taken back: ILLEGAL_TRANSITION, nothing changes.
 * 2. Credit the price back with Wix's earn under a key derived from the redemption id. Wix applies an earn
 *    key once per account, so repeated, retried (after a crash) or racing cancels credit exactly once and
 *    all get the same transaction back; the caller's status compare-and-set then records one cancel.
 */
export async function refundCoupon(deps: CoreDeps, redemption: Redemption): Promise<WixRefs> {
  const { couponId, loyaltyAccountId } = redemption.wix;
  if (redemption.offer.kind !== 'reward' || !couponId || !loyaltyAccountId) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'This redemption has no coupon yet (still in progress); retry it with its idempotency key first',
    );
  }
  await archiveCoupon(deps, couponId);
  return creditPointsBack(deps, redemption, loyaltyAccountId);
}

/** Archives the coupon; already archived (or gone) is done. A concurrent change means read it again. */
async function archiveCoupon(deps: CoreDeps, couponId: string): Promise<void> {
  for (let attempt = 1; attempt <= ARCHIVE_ATTEMPTS; attempt++) {
    const coupon = await deps.loyalty.getCoupon(couponId);
    if (!coupon || coupon.status === 'ARCHIVED') return;
    if (coupon.status === 'APPLIED') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        'The coupon was already used at checkout; it cannot be refunded',
      );
    }
    if (await deps.loyalty.deleteCoupon(couponId, coupon.revision)) return;
  }
  throw new AppError('UPSTREAM_UNAVAILABLE', 'The coupon keeps changing; retry the cancel shortly', {
    retryAfterSeconds: 1,
  });
}
