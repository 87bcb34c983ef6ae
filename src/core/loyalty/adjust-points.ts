import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import { type IdempotentResult, runIdempotentForMember } from '../idempotency';
import { adjustPointsOnce } from './adjust-once';
import { openLoyaltyAccount } from './loyalty-account';

export interface AdjustPointsInput {
  memberId: string;
  /** Points to add (positive) or take away (negative). */
  amount: number;
  reason: string;
  idempotencyKey: string;
  actor: Actor;
}

export interface PointsAdjustment {
  memberId: string;
  amount: number;
  balance: number;
  transactionId: string;
}

/**
 * Staff add or remove points by hand; never below zero, once per key. It is Wix Loyalty's adjust (the
 * account shows it as adjusted, not earned), which has no idempotency key: the adjustment carries a
 * reference to our key in its description, and a retry that finds it there does not adjust again.
 */
export async function adjustPoints(
  deps: CoreDeps,
  input: AdjustPointsInput,
): Promise<IdempotentResult<PointsAdjustment>> {
  if (!Number.isInteger(input.amount) || input.amount === 0) {
    throw new AppError('VALIDATION', 'amount must be a non-zero whole number');
  }
  return runIdempotentForMember<PointsAdjustment>(
    deps,
    {
      scope: `dashboard:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'adjustPoints',
      request: { memberId: input.memberId, amount: input.amount, reason: input.reason },
    },
    input.memberId,
    async (run, lock) => {
      const account = await openLoyaltyAccount(deps, input.memberId);
      const change = await adjustPointsOnce(deps, {
        accountId: account.id,
        memberId: input.memberId,
        delta: input.amount,
        description: `${input.reason} (ref ${run.upstreamKey})`,
        resumed: run.resumed,
        fence: [run.lease, lock],
      }).catch((thrown: unknown) => {
        throw tooFewToRemove(thrown, -input.amount);
      });
      const adjustment = {
        memberId: input.memberId,
        amount: input.amount,
        balance: change.account.balance,
        transactionId: change.transactionId,
      };
      return run.commit(adjustment, (tx) =>
        tx.adjustments.record({
          memberId: input.memberId,
          currency: 'points',
          amount: input.amount,
          reason: input.reason,
          actor: actorName(input.actor),
          transactionId: change.transactionId,
          createdAt: deps.clock.now().toISOString(),
        }),
      );
    },
  );
}

/** Wix's "not enough balance", said the way staff removing points understand it. */
const tooFewToRemove = (thrown: unknown, removing: number) =>
  thrown instanceof AppError && thrown.code === 'INSUFFICIENT_BALANCE'
    ? new AppError('INSUFFICIENT_BALANCE', `Not enough points to remove ${removing}`, {
        details: thrown.details ?? {},
        cause: thrown,
      })
    : thrown;
