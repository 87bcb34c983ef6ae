import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { deterministicUuid } from '../ids';
import type { Redemption, WixRefs } from '../redemption';

/**
 * REFUND of a points debit without a coupon (a point-of-sale redemption): the price comes back through
 * Wix's earn under a key derived from the redemption id — the same key refund-coupon.ts uses — so repeated,
 * retried or racing cancels credit exactly once.
 */
export async function refundPointsDebit(deps: CoreDeps, redemption: Redemption): Promise<WixRefs> {
  const { transactionId, loyaltyAccountId } = redemption.wix;
  if (redemption.offer.kind !== 'reward' || !transactionId || !loyaltyAccountId) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      'This redemption has not debited its points yet (still in progress); retry it with its key first',
    );
  }
  return creditPointsBack(deps, redemption, loyaltyAccountId);
}

/**
 * Gives a redemption's price back through Wix's earn under a key derived from the redemption id: Wix applies
 * an earn key once per account, so every cancel path shares this one key and credits exactly once.
 */
export async function creditPointsBack(
  deps: CoreDeps,
  redemption: Redemption,
  loyaltyAccountId: string,
): Promise<WixRefs> {
  const credit = await deps.loyalty.earnPoints({
    accountId: loyaltyAccountId,
    amount: redemption.price,
    idempotencyKey: deterministicUuid('refund', redemption.id),
    description: `Refund: canceled redemption ${redemption.id}`,
  });
  return { refundTransactionId: credit.transactionId };
}
