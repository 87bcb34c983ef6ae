import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import { type IdempotentResult, type IdempotentRun, runIdempotent } from '../idempotency';
import type { Lease } from '../lease';
import { withMemberLock } from '../member-lock';
import type { PointsChange } from '../ports/loyalty';
import { deductPointsOnce } from './deduct-once';
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
 * Staff add or remove points by hand; never below zero, once per key. Adding goes through Wix's earn,
 * which dedupes our key. Removing has no key in Wix: the deduction carries a reference to our key in its
 * description, and a retry that finds it there does not deduct again.
 */
export async function adjustPoints(
  deps: CoreDeps,
  input: AdjustPointsInput,
): Promise<IdempotentResult<PointsAdjustment>> {
  if (!Number.isInteger(input.amount) || input.amount === 0) {
    throw new AppError('VALIDATION', 'amount must be a non-zero whole number');
  }
  return runIdempotent<PointsAdjustment>(
    deps,
    {
      scope: `dashboard:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'adjustPoints',
      request: { memberId: input.memberId, amount: input.amount, reason: input.reason },
    },
    (run) =>
      withMemberLock(deps, input.memberId, async (lock) => {
        const account = await openLoyaltyAccount(deps, input.memberId);
        const change =
          input.amount > 0
            ? await deps.loyalty.earnPoints({
                accountId: account.id,
                amount: input.amount,
                idempotencyKey: run.upstreamKey,
                description: input.reason,
              })
            : await deductOnce(deps, run, account.id, input, lock);
        return {
          memberId: input.memberId,
          amount: input.amount,
          balance: change.account.balance,
          transactionId: change.transactionId,
        };
      }),
  );
}

function deductOnce(
  deps: CoreDeps,
  run: IdempotentRun<PointsAdjustment>,
  accountId: string,
  input: AdjustPointsInput,
  lock: Lease,
): Promise<PointsChange> {
  return deductPointsOnce(deps, {
    accountId,
    memberId: input.memberId,
    delta: input.amount,
    description: `${input.reason} (ref ${run.upstreamKey})`,
    resumed: run.resumed,
    fence: [run.lease, lock],
  });
}
