import { deterministicUuid } from '../ids';
import { earnPoints } from '../loyalty/earn-points';
import type { OrderCredit } from '../ports/token-credits';
import { onActivePool } from './active-pool-id';
import type { TokenDeps } from './rules';

/** The Wix key of an order's credit: the same for every attempt, so Wix gives the tokens once. */
export const orderTokensKey = (credit: Pick<OrderCredit, 'source' | 'orderId'>) =>
  deterministicUuid('order-tokens', credit.source, credit.orderId);

/**
 * Gives what an `issuing` order row promised (tokens on the ACTIVE pool, points when orders earn them) and
 * marks it `issued` with what was actually given. Safe to repeat: every Wix call is keyed by the order.
 */
export async function finishIssuance(deps: TokenDeps, credit: OrderCredit): Promise<OrderCredit> {
  const memberId = credit.memberId ?? '';
  let tokens = 0;
  let poolId = credit.poolId;
  let transactionId: string | null = null;
  if (credit.tokensIssued > 0) {
    const given = await onActivePool(deps, memberId, credit.poolId ?? undefined, (pool) =>
      deps.benefits.changeBalance({
        poolId: pool,
        delta: credit.tokensIssued,
        idempotencyKey: orderTokensKey(credit),
        reason: `Order ${credit.orderId}`,
      }),
    );
    if (given) {
      tokens = credit.tokensIssued;
      poolId = given.poolId;
      transactionId = given.value.transactionId;
    }
  }
  if (credit.pointsIssued > 0) {
    await earnPoints(deps, {
      memberId,
      amount: credit.pointsIssued,
      reason: `Order ${credit.orderId}`,
      idempotencyKey: `order:${credit.source}:${credit.orderId}`,
      orderId: credit.orderId,
    });
  }
  const issued = await deps.store.orderCredits.update(credit.source, credit.orderId, 'issuing', {
    status: 'issued',
    tokensIssued: tokens,
    poolId,
    issueTransactionId: transactionId,
    updatedAt: deps.clock.now().toISOString(),
  });
  return issued ?? credit;
}
