import type { AdjustmentRepo } from '../core/ports/adjustments';
import { type Executor, toMs } from './util';

export function adjustmentRepo(db: Executor): AdjustmentRepo {
  return {
    async record(adjustment) {
      await db
        .insertInto('balance_adjustments')
        .values({
          currency: adjustment.currency,
          transaction_id: adjustment.transactionId,
          member_id: adjustment.memberId,
          amount: adjustment.amount,
          reason: adjustment.reason,
          actor: adjustment.actor,
          created_at: toMs(adjustment.createdAt),
        })
        .onConflict((oc) => oc.columns(['currency', 'transaction_id']).doNothing())
        .execute();
    },
  };
}
