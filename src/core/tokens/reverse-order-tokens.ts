import { isInactivePool } from '../benefits/active-pool';
import { AppError } from '../errors';
import { deterministicUuid } from '../ids';
import { withMemberLock } from '../member-lock';
import type { EventOutcome } from '../ports/inbound-events';
import type { OrderCredit } from '../ports/token-credits';
import { finishIssuance } from './order-issuance';
import { reverseOrderPoints } from './order-points';
import type { TokenDeps } from './rules';

export interface RefundedOrder {
  source: string;
  orderId: string;
  /** When the refund names the member; a refund for an unknown order needs none. */
  memberId: string | null;
  amount: string;
  currency: string;
}

/**
 * An order is refunded or canceled: take back exactly what it gave, never below zero. What was already spent
 * is recorded as a shortfall. Once per order, whatever events announce it; a refund before its payment
 * leaves a marker so the late payment gives nothing.
 */
export async function reverseOrderTokens(deps: TokenDeps, order: RefundedOrder): Promise<EventOutcome> {
  const details = { orderId: order.orderId };
  const existing = await deps.store.orderCredits.get(order.source, order.orderId);
  if (!existing) {
    const now = deps.clock.now().toISOString();
    const marker = tombstone(order, now);
    if (await deps.store.orderCredits.insert(marker)) return { outcome: 'nothing_to_reverse', details };
  }
  const credit = existing ?? (await deps.store.orderCredits.get(order.source, order.orderId));
  if (!credit?.memberId) return { outcome: 'nothing_to_reverse', details };
  const memberId = credit.memberId;

  // The member's debit lock: no redemption spends between reading the balance and taking tokens back.
  return withMemberLock(deps, memberId, async () => {
    let current = await deps.store.orderCredits.get(order.source, order.orderId);
    // Another event (a refund, then a cancel) already took it back.
    if (current?.status === 'reversed') return { outcome: 'already_reversed', details };
    if (current?.status === 'issuing') current = await finishIssuance(deps, current);
    if (current?.status === 'issued') current = await decide(deps, current);
    if (current?.status === 'reversing') current = await takeBack(deps, current);
    if (current?.status !== 'reversed') {
      throw new AppError('INTERNAL', `order ${order.orderId} could not be reversed`);
    }
    const result = {
      ...details,
      memberId,
      tokens: current.tokensReversed,
      shortfall: current.shortfall,
      points: current.pointsReversed,
      pointsShortfall: current.pointsShortfall,
    };
    if (current.tokensIssued === 0 && current.pointsIssued === 0)
      return { outcome: 'nothing_to_reverse', details };
    return { outcome: 'tokens_reversed', details: result };
  });
}

function tombstone(order: RefundedOrder, now: string): OrderCredit {
  return {
    source: order.source,
    orderId: order.orderId,
    memberId: order.memberId,
    poolId: null,
    status: 'reversed',
    amount: order.amount,
    currency: order.currency,
    tokensIssued: 0,
    issueTransactionId: null,
    tokensToReverse: 0,
    tokensReversed: 0,
    shortfall: 0,
    reverseTransactionId: null,
    pointsIssued: 0,
    pointsReversed: 0,
    pointsShortfall: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Fixes how many tokens to take back before taking them, so a retry takes the same number. */
async function decide(deps: TokenDeps, credit: OrderCredit): Promise<OrderCredit | undefined> {
  const take = await takeable(deps, credit);
  return deps.store.orderCredits.update(credit.source, credit.orderId, 'issued', {
    status: 'reversing',
    tokensToReverse: take,
    updatedAt: deps.clock.now().toISOString(),
  });
}

async function takeable(deps: TokenDeps, credit: OrderCredit): Promise<number> {
  if (credit.tokensIssued === 0 || !credit.poolId) return 0;
  const balance = await deps.benefits.getBalance(credit.poolId);
  return Math.max(0, Math.min(credit.tokensIssued, balance));
}

const MAX_TRIES = 3;

async function takeBack(deps: TokenDeps, credit: OrderCredit): Promise<OrderCredit | undefined> {
  let take = credit.tokensToReverse ?? 0;
  let transactionId: string | null = null;
  for (let attempt = 1; take > 0 && transactionId === null; attempt++) {
    try {
      const change = await deps.benefits.changeBalance({
        poolId: credit.poolId ?? '',
        delta: -take,
        // The amount is part of the key: a new decision (after the balance fell) is a new change.
        idempotencyKey: deterministicUuid('order-reverse', credit.source, credit.orderId, String(take)),
        reason: `Refund of order ${credit.orderId}`,
      });
      transactionId = change.transactionId;
    } catch (err) {
      if (isInactivePool(err)) take = 0;
      else if (err instanceof AppError && err.code === 'INSUFFICIENT_BALANCE' && attempt < MAX_TRIES) {
        // A renewal trimmed the balance since we decided: decide again.
        take = await takeable(deps, credit);
        // Recorded before the next try, so a crash after it resumes with this amount and key.
        await deps.store.orderCredits.update(credit.source, credit.orderId, 'reversing', {
          tokensToReverse: take,
        });
      } else throw err;
    }
  }
  const points = await reverseOrderPoints(deps, credit);
  const shortfall = credit.tokensIssued - take;
  if (shortfall > 0 || points.shortfall > 0) {
    deps.log.warn(
      { orderId: credit.orderId, memberId: credit.memberId, shortfall, pointsShortfall: points.shortfall },
      'refund took back less than the order gave: already spent',
    );
  }
  return deps.store.orderCredits.update(credit.source, credit.orderId, 'reversing', {
    status: 'reversed',
    tokensToReverse: take,
    tokensReversed: take,
    shortfall,
    reverseTransactionId: transactionId,
    pointsReversed: points.reversed,
    pointsShortfall: points.shortfall,
    updatedAt: deps.clock.now().toISOString(),
  });
}
