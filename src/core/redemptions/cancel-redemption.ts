import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError, type ErrorCode, toAppError } from '../errors';
import { deterministicUuid } from '../ids';
import type { Lease } from '../lease';
import { refundCoupon } from '../loyalty/refund-coupon';
import { refundPointsDebit } from '../loyalty/refund-points';
import { withMemberLock } from '../member-lock';
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
 * Cancels and refunds exactly once, and never a redemption that completes. Under the member's lock, the
 * redemption is first marked as being canceled (a compare-and-set on its status): from then on nothing moves
 * it but this cancel, so an order or a staff member completing it meanwhile is refused, and a completion that
 * came first makes the cancel refuse. The refund is keyed by the redemption (Wix refuses a second revert; a
 * coupon's points come back through an earn key Wix applies once, see refund-coupon.ts), so a retried cancel
 * resumes it without refunding twice. Canceling a canceled redemption returns it unchanged.
 */
export async function cancelRedemption(deps: CoreDeps, input: CancelRedemptionInput): Promise<Redemption> {
  const redemption = await deps.store.redemptions.get(input.redemptionId);
  if (!redemption || (input.memberId && redemption.memberId !== input.memberId)) {
    throw new AppError('NOT_FOUND', `No redemption ${input.redemptionId}`);
  }
  return withMemberLock(deps, redemption.memberId, (lock) => cancelUnderLock(deps, input, lock));
}

/** The cancel, for a caller that holds the member's lock already. */
export async function cancelUnderLock(
  deps: CoreDeps,
  input: CancelRedemptionInput,
  lock: Lease,
): Promise<Redemption> {
  const redemption = await deps.store.redemptions.get(input.redemptionId);
  if (!redemption) throw new AppError('NOT_FOUND', `No redemption ${input.redemptionId}`);
  if (redemption.status === 'CANCELED') return redemption;
  const marked = await deps.store.redemptions.beginCancel(redemption.id, CANCELABLE, deps.clock.now());
  if (!marked) return canceledMeanwhile(deps, redemption.id);

  let refund: Redemption['wix'];
  try {
    await lock.beforeWixCall();
    refund = await refundOf(deps, marked);
  } catch (thrown) {
    const error = toAppError(thrown);
    // Refused for good (a coupon already used, nothing spent yet): it stays what it was, free to complete.
    // Otherwise the refund may have happened: the mark stays until a retried cancel finishes it.
    if (!UNSETTLED.has(error.code)) await deps.store.redemptions.abortCancel(redemption.id);
    throw error;
  }
  const canceled = await deps.store.redemptions.transition(
    redemption.id,
    CANCELABLE,
    { canceledReason: input.reason, canceledNote: input.note ?? null, wix: refund },
    {
      redemptionId: redemption.id,
      status: 'CANCELED',
      at: deps.clock.now().toISOString(),
      actor: actorName(input.actor),
      note: input.reason,
    },
  );
  return canceled ?? canceledMeanwhile(deps, redemption.id);
}

/** Failures after which the refund may or may not have happened. */
const UNSETTLED: ReadonlySet<ErrorCode> = new Set(['UPSTREAM_UNAVAILABLE', 'INTERNAL']);

/** Someone else moved it first (a cancel before ours, or completion): report what it is now. */
async function canceledMeanwhile(deps: CoreDeps, id: string): Promise<Redemption> {
  const current = await deps.store.redemptions.get(id);
  if (current?.status === 'CANCELED') return current;
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `A ${current?.status ?? 'missing'} redemption cannot be canceled`,
    {
      details: { status: current?.status ?? null },
    },
  );
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
