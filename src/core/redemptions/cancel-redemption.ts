import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import { deterministicUuid } from '../ids';
import { refundCoupon } from '../loyalty/refund-coupon';
import { refundPointsDebit } from '../loyalty/refund-points';
import type { Redemption, RedemptionStatus } from '../redemption';

/** A redemption can be canceled until it is completed. */
export const CANCELABLE: readonly RedemptionStatus[] = [
  'SUBMITTED',
  'OPEN',
  'AWAITING_VENDOR',
  'AWAITING_CUSTOMER',
  'PURCHASED',
];

export interface CancelRedemptionInput {
  redemptionId: string;
  reason: string;
  note?: string | null;
  actor: Actor;
  /** Limits the cancel to one member's redemptions (a member canceling their own). */
  memberId?: string;
}

/**
 * Cancels and refunds exactly once. The refund goes first with a key derived from the redemption, so a
 * repeated or concurrent cancel cannot refund twice (Wix refuses a second revert; a coupon's points come
 * back through an earn key Wix applies once, see refund-coupon.ts); the status change is a
 * compare-and-set, so only one cancel records it. Canceling a canceled redemption returns it unchanged.
 */
export async function cancelRedemption(deps: CoreDeps, input: CancelRedemptionInput): Promise<Redemption> {
  const redemption = await deps.store.redemptions.get(input.redemptionId);
  if (!redemption || (input.memberId && redemption.memberId !== input.memberId)) {
    throw new AppError('NOT_FOUND', `No redemption ${input.redemptionId}`);
  }
  if (redemption.status === 'CANCELED') return redemption;
  if (!CANCELABLE.includes(redemption.status)) {
    throw new AppError('ILLEGAL_TRANSITION', `A ${redemption.status} redemption cannot be canceled`);
  }

  const refund = await refundOf(deps, redemption);
  const now = deps.clock.now().toISOString();
  const canceled = await deps.store.redemptions.transition(
    redemption.id,
    CANCELABLE,
    { canceledReason: input.reason, canceledNote: input.note ?? null, wix: refund },
    {
      redemptionId: redemption.id,
      status: 'CANCELED',
      at: now,
      actor: actorName(input.actor),
      note: input.reason,
    },
  );
  if (canceled) return canceled;
  // Someone else moved it first (a concurrent cancel, or completion): report what it is now.
  const current = await deps.store.redemptions.get(redemption.id);
  if (current?.status === 'CANCELED') return current;
  throw new AppError('ILLEGAL_TRANSITION', `A ${current?.status ?? 'missing'} redemption cannot be canceled`);
}

async function refundOf(deps: CoreDeps, redemption: Redemption): Promise<Redemption['wix']> {
  if (redemption.offer.kind === 'reward') {
    // A debit without a coupon is a point-of-sale redemption; a coupon (or none yet) goes the coupon way.
    const posDebit = !redemption.wix.couponId && redemption.wix.transactionId;
    return posDebit ? refundPointsDebit(deps, redemption) : refundCoupon(deps, redemption);
  }
  if (redemption.offer.kind !== 'benefit' || !redemption.wix.transactionId) {
    throw new AppError('INTERNAL', `No refund path for redemption ${redemption.id}`);
  }
  const reverted = await deps.benefits.revertBalanceChange(
    redemption.wix.transactionId,
    deterministicUuid('refund', redemption.id),
  );
  return reverted.transactionId ? { refundTransactionId: reverted.transactionId } : {};
}
