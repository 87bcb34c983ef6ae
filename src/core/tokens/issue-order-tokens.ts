import { AppError } from '../errors';
import { withMemberLock } from '../member-lock';
import type { EventOutcome } from '../ports/inbound-events';
import type { OrderCredit } from '../ports/token-credits';
import { completeRedemptionByCode } from '../redemptions/complete-by-code';
import { cachedActivePoolId } from './active-pool-id';
import { finishIssuance } from './order-issuance';
import { pointsForAmount, type TokenDeps, tokensForAmount } from './rules';

export interface PaidOrder {
  source: string;
  orderId: string;
  memberId: string;
  /** Decimal text, e.g. "123.40". */
  amount: string;
  currency: string;
  /** A redemption's external code or a loyalty coupon code used on the order. */
  couponCode?: string | undefined;
}

/**
 * An order is paid: tokens for the amount spent (and points when orders earn them), once per order however
 * many events announce it. A coupon code on it completes the redemption it came from.
 */
export async function issueOrderTokens(deps: TokenDeps, order: PaidOrder): Promise<EventOutcome> {
  const completed = order.couponCode
    ? await completeRedemptionByCode(deps, order.couponCode, { kind: 'integration', name: order.source })
    : undefined;
  const extra = completed ? { redemptionCompleted: completed.id } : {};

  // Under the member's debit lock, so a refund of the same order cannot run in between.
  return withMemberLock(deps, order.memberId, async () => {
    let credit = await deps.store.orderCredits.get(order.source, order.orderId);
    if (!credit) {
      const fresh = await newCredit(deps, order);
      credit = (await deps.store.orderCredits.insert(fresh))
        ? fresh
        : await deps.store.orderCredits.get(order.source, order.orderId);
    }
    if (!credit) throw new AppError('INTERNAL', `order credit ${order.source}/${order.orderId} vanished`);
    const details = { orderId: order.orderId, memberId: order.memberId, ...extra };
    if (credit.status === 'issuing') {
      const issued = await finishIssuance(deps, credit);
      if (issued.tokensIssued === 0 && issued.pointsIssued === 0) {
        const why = credit.tokensIssued > 0 ? 'no_active_pool' : 'no_tokens';
        return { outcome: why, details };
      }
      return {
        outcome: 'tokens_issued',
        details: { ...details, tokens: issued.tokensIssued, points: issued.pointsIssued },
      };
    }
    if (credit.status === 'issued') {
      return { outcome: 'already_credited', details: { ...details, tokens: credit.tokensIssued } };
    }
    return { outcome: 'already_reversed', details };
  });
}

async function newCredit(deps: TokenDeps, order: PaidOrder): Promise<OrderCredit> {
  const now = deps.clock.now().toISOString();
  const tokens = tokensForAmount(order.amount, deps.tokens.orderAmountPerToken);
  const perUnit = deps.tokens.orderPointsPerUnit;
  return {
    source: order.source,
    orderId: order.orderId,
    memberId: order.memberId,
    poolId: tokens > 0 ? ((await cachedActivePoolId(deps, order.memberId)) ?? null) : null,
    status: 'issuing',
    amount: order.amount,
    currency: order.currency,
    tokensIssued: tokens,
    issueTransactionId: null,
    tokensToReverse: null,
    tokensReversed: 0,
    shortfall: 0,
    reverseTransactionId: null,
    pointsIssued: perUnit ? pointsForAmount(order.amount, perUnit) : 0,
    pointsReversed: 0,
    pointsShortfall: 0,
    createdAt: now,
    updatedAt: now,
  };
}
