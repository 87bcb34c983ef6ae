import { AppError } from '../../../core/errors';
import { type IdempotentResult, runIdempotent } from '../../../core/idempotency';
import { adjustPointsOnce } from '../../../core/loyalty/adjust-once';
import { withMemberLock } from '../../../core/member-lock';
import { pointsForAmount } from '../../../core/tokens/rules';
import type { PosDeps } from './counter-orders';

export interface PartialReturnInput {
  integration: string;
  orderId: string;
  /** The PoS's key for this return (BonifiQ's CancelKey): one return per key. */
  cancelKey: string;
  /** What the customer got back, in cents: the returned items' values, or an amount. */
  refundCents: number;
}

export interface PartialReturn {
  /** The points the returned amount had earned (at most what the order still holds). */
  pointsToTakeBack: number;
  /** What was taken now: never more than the balance (the rest was already spent). */
  pointsTakenBack: number;
  /** What the order still holds after this return. */
  pointsLeft: number;
  at: string;
}

const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * Part of a completed order comes back (BonifiQ's partial cancel): the points its value earned are taken back
 * once per CancelKey (same key and request: the same answer; another request: IDEMPOTENCY_KEY_REUSED),
 * never more than the order still holds, never below zero. The order keeps what is left, so a later full
 * cancel takes back only that.
 */
export function returnPartOfOrder(
  deps: PosDeps,
  input: PartialReturnInput,
): Promise<IdempotentResult<PartialReturn>> {
  return runIdempotent<PartialReturn>(
    deps,
    {
      scope: `pos-return:${input.integration}`,
      key: input.cancelKey,
      operation: 'partialReturn',
      request: { orderId: input.orderId, refundCents: input.refundCents },
    },
    async (run) => {
      const order = await deps.store.orderCredits.get(input.integration, input.orderId);
      if (!order?.memberId || order.status === 'issuing') {
        throw new AppError('NOT_FOUND', `No completed order ${input.orderId}`, {
          details: { reason: 'ORDER_NOT_FOUND' },
        });
      }
      const memberId = order.memberId;
      return withMemberLock(deps, memberId, async (lock) => {
        const credit = await deps.store.orderCredits.get(input.integration, input.orderId);
        if (credit?.status !== 'issued') {
          throw new AppError('ILLEGAL_TRANSITION', `Order ${input.orderId} was canceled`, {
            details: { reason: 'ORDER_CANCELED' },
          });
        }
        const earned = pointsForAmount(decimal(input.refundCents), deps.pointOfSale.orderPointsPerUnit);
        const take = Math.min(earned, credit.pointsIssued);
        const account = await deps.loyalty.getAccountByMember(memberId);
        const takeNow = Math.min(take, Math.max(0, account?.balance ?? 0));
        if (account && takeNow > 0) {
          await adjustPointsOnce(deps, {
            accountId: account.id,
            memberId,
            delta: -takeNow,
            description: `Partial return of order ${input.integration}/${input.orderId} (ref ${run.upstreamKey})`,
            resumed: run.resumed,
            fence: [run.lease, lock],
          });
        }
        const at = deps.clock.now().toISOString();
        const result = {
          pointsToTakeBack: take,
          pointsTakenBack: takeNow,
          pointsLeft: credit.pointsIssued - take,
          at,
        };
        return run.commit(result, async (tx) => {
          const kept = await tx.orderCredits.update(input.integration, input.orderId, 'issued', {
            pointsIssued: result.pointsLeft,
            updatedAt: at,
          });
          if (!kept) throw new AppError('INTERNAL', `Order ${input.orderId} moved during a partial return`);
        });
      });
    },
  );
}
