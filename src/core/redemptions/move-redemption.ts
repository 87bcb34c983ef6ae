import { type Actor, actorName, type CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { Redemption, RedemptionStatus } from '../redemption';
import { cancelRedemption } from './cancel-redemption';

/**
 * The booking lifecycle the site drives: SUBMITTED → OPEN → AWAITING_VENDOR / AWAITING_CUSTOMER → PURCHASED
 * → COMPLETED, and CANCELED from anywhere before COMPLETED (cancel-redemption.ts refunds it). Waiting may
 * switch sides or go back to OPEN; nothing leaves COMPLETED or CANCELED.
 */
export const NEXT_STATUSES: Readonly<Record<RedemptionStatus, readonly RedemptionStatus[]>> = {
  SUBMITTED: ['OPEN', 'CANCELED'],
  OPEN: ['AWAITING_VENDOR', 'AWAITING_CUSTOMER', 'PURCHASED', 'CANCELED'],
  AWAITING_VENDOR: ['OPEN', 'AWAITING_CUSTOMER', 'PURCHASED', 'CANCELED'],
  AWAITING_CUSTOMER: ['OPEN', 'AWAITING_VENDOR', 'PURCHASED', 'CANCELED'],
  PURCHASED: ['COMPLETED', 'CANCELED'],
  COMPLETED: [],
  CANCELED: [],
};

export interface MoveRedemptionInput {
  redemptionId: string;
  to: RedemptionStatus;
  /** Why it was canceled (required for CANCELED). */
  reason?: string | null;
  note?: string | null;
  actor: Actor;
  /** Limits the move to one channel's redemptions (a partner moving its own). */
  channel?: string;
}

/** The redemption's price is spent: a coupon redemption is still in progress until its coupon is linked. */
const isSpent = (r: Redemption): boolean => Boolean(r.wix.transactionId || r.wix.couponId);

/**
 * Moves a redemption one step along its lifecycle. Moving it to where it already is changes nothing (a
 * retried request); any other step not in the table is ILLEGAL_TRANSITION. The step is a compare-and-set on
 * the status read, so two staff moving one booking at once cannot both win, and it is refused while a cancel
 * refunds the redemption (cancel-redemption.ts).
 */
export async function moveRedemption(deps: CoreDeps, input: MoveRedemptionInput): Promise<Redemption> {
  const redemption = await deps.store.redemptions.get(input.redemptionId);
  if (!redemption || (input.channel !== undefined && redemption.channel !== input.channel)) {
    throw new AppError('NOT_FOUND', `No redemption ${input.redemptionId}`);
  }
  if (redemption.status === input.to) return redemption;
  if (input.to === 'CANCELED') {
    if (!input.reason) throw new AppError('VALIDATION', 'reason: required to cancel');
    return cancelRedemption(deps, {
      redemptionId: redemption.id,
      reason: input.reason,
      note: input.note ?? null,
      actor: input.actor,
    });
  }
  if (!NEXT_STATUSES[redemption.status].includes(input.to)) {
    throw new AppError('ILLEGAL_TRANSITION', `A ${redemption.status} redemption cannot move to ${input.to}`, {
      details: { status: redemption.status, allowed: NEXT_STATUSES[redemption.status] },
    });
  }
  if (!isSpent(redemption)) {
    throw new AppError('ILLEGAL_TRANSITION', 'This redemption is still being processed; try again shortly', {
      details: { status: redemption.status },
    });
  }
  const moved = await deps.store.redemptions.transition(
    redemption.id,
    [redemption.status],
    {},
    {
      redemptionId: redemption.id,
      status: input.to,
      at: deps.clock.now().toISOString(),
      actor: actorName(input.actor),
      note: input.note ?? null,
    },
  );
  if (moved) return moved;
  // Someone moved it first: the same step is done; anything else must be decided again by the caller.
  const current = await deps.store.redemptions.get(redemption.id);
  if (current?.status === input.to) return current;
  if (current?.status === redemption.status) {
    // Still where it was: a cancel is refunding it, and it ends CANCELED.
    throw new AppError('ILLEGAL_TRANSITION', 'This redemption is being canceled', {
      details: { status: current.status, reason: 'CANCELING' },
    });
  }
  throw new AppError(
    'ILLEGAL_TRANSITION',
    `The redemption moved to ${current?.status ?? 'nowhere'} meanwhile`,
    {
      details: { status: current?.status ?? null },
    },
  );
}
