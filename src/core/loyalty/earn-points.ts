import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { deterministicUuid } from '../ids';
import { openLoyaltyAccount } from './loyalty-account';

export interface EarnPointsInput {
  memberId: string;
  amount: number;
  reason: string;
  /** Same key, same member: the points are added once (Wix dedupes earn keys per account). */
  idempotencyKey: string;
  orderId?: string;
}

export interface PointsEarned {
  memberId: string;
  amount: number;
  balance: number;
  transactionId: string;
}

/** A member earns points (an order, a visit, a welcome gift), once per key; opens their account if needed. */
export async function earnPoints(deps: CoreDeps, input: EarnPointsInput): Promise<PointsEarned> {
  if (!Number.isInteger(input.amount) || input.amount < 1) {
    throw new AppError('VALIDATION', 'amount must be a whole number of at least 1');
  }
  const account = await openLoyaltyAccount(deps, input.memberId);
  const change = await deps.loyalty.earnPoints({
    accountId: account.id,
    amount: input.amount,
    idempotencyKey: deterministicUuid('earn', input.idempotencyKey),
    description: input.reason,
    ...(input.orderId ? { orderId: input.orderId } : {}),
  });
  // Order points are in the order's own record; anything else (a welcome gift) is a hand-made change.
  if (!input.orderId) {
    await deps.store.adjustments.record({
      memberId: input.memberId,
      currency: 'points',
      amount: input.amount,
      reason: input.reason,
      actor: 'system',
      transactionId: change.transactionId,
      createdAt: deps.clock.now().toISOString(),
    });
  }
  return {
    memberId: input.memberId,
    amount: input.amount,
    balance: change.account.balance,
    transactionId: change.transactionId,
  };
}
