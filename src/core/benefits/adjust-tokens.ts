import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import { type IdempotentResult, runIdempotentForMember } from '../idempotency';
import { activePoolOf } from './active-pool';

export interface AdjustTokensInput {
  memberId: string;
  /** Tokens to add (positive) or take away (negative). */
  amount: number;
  reason: string;
  idempotencyKey: string;
  actor: Actor;
}

export interface TokenAdjustment {
  memberId: string;
  amount: number;
  balance: number;
  transactionId: string;
}

/** Staff add or remove tokens by hand; never below zero, once per key. */
export async function adjustTokens(
  deps: CoreDeps,
  input: AdjustTokensInput,
): Promise<IdempotentResult<TokenAdjustment>> {
  if (!Number.isInteger(input.amount) || input.amount === 0) {
    throw new AppError('VALIDATION', 'amount must be a non-zero whole number');
  }
  return runIdempotentForMember<TokenAdjustment>(
    deps,
    {
      scope: `dashboard:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'adjustTokens',
      request: { memberId: input.memberId, amount: input.amount, reason: input.reason },
    },
    input.memberId,
    async (run) => {
      const pool = await activePoolOf(deps, input.memberId);
      const change = await deps.benefits.changeBalance({
        poolId: pool.id,
        delta: input.amount,
        idempotencyKey: run.upstreamKey,
        reason: input.reason,
      });
      const adjustment = { memberId: input.memberId, amount: input.amount, ...change };
      return run.commit(adjustment, (tx) =>
        tx.adjustments.record({
          memberId: input.memberId,
          currency: 'tokens',
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
