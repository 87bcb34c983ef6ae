import type { Selectable } from 'kysely';
import type { OrderCredit, OrderCreditRepo, OrderCreditStatus } from '../core/ports/token-credits';
import type { OrderCreditsTable } from './schema';
import { type Executor, toIso, toMs } from './util';

type Row = Selectable<OrderCreditsTable>;

function fromRow(row: Row): OrderCredit {
  return {
    source: row.source,
    orderId: row.order_id,
    memberId: row.member_id,
    poolId: row.pool_id,
    status: row.status as OrderCreditStatus,
    amount: row.amount,
    currency: row.currency,
    tokensIssued: row.tokens_issued,
    issueTransactionId: row.issue_transaction_id,
    tokensToReverse: row.tokens_to_reverse,
    tokensReversed: row.tokens_reversed,
    shortfall: row.shortfall,
    reverseTransactionId: row.reverse_transaction_id,
    pointsIssued: row.points_issued,
    pointsReversed: row.points_reversed,
    pointsShortfall: row.points_shortfall,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

type Patch = Parameters<OrderCreditRepo['update']>[3];

function toColumns(patch: Patch): Partial<Row> {
  const columns: Partial<Row> = {};
  if (patch.memberId !== undefined) columns.member_id = patch.memberId;
  if (patch.poolId !== undefined) columns.pool_id = patch.poolId;
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.amount !== undefined) columns.amount = patch.amount;
  if (patch.currency !== undefined) columns.currency = patch.currency;
  if (patch.tokensIssued !== undefined) columns.tokens_issued = patch.tokensIssued;
  if (patch.issueTransactionId !== undefined) columns.issue_transaction_id = patch.issueTransactionId;
  if (patch.tokensToReverse !== undefined) columns.tokens_to_reverse = patch.tokensToReverse;
  if (patch.tokensReversed !== undefined) columns.tokens_reversed = patch.tokensReversed;
  if (patch.shortfall !== undefined) columns.shortfall = patch.shortfall;
  if (patch.reverseTransactionId !== undefined) columns.reverse_transaction_id = patch.reverseTransactionId;
  if (patch.pointsIssued !== undefined) columns.points_issued = patch.pointsIssued;
  if (patch.pointsReversed !== undefined) columns.points_reversed = patch.pointsReversed;
  if (patch.pointsShortfall !== undefined) columns.points_shortfall = patch.pointsShortfall;
  if (patch.updatedAt !== undefined) columns.updated_at = toMs(patch.updatedAt);
  return columns;
}

export function orderCreditRepo(db: Executor): OrderCreditRepo {
  return {
    async get(source, orderId) {
      const row = await db
        .selectFrom('order_credits')
        .selectAll()
        .where('source', '=', source)
        .where('order_id', '=', orderId)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async insert(credit) {
      const row = await db
        .insertInto('order_credits')
        .values({
          source: credit.source,
          order_id: credit.orderId,
          member_id: credit.memberId,
          pool_id: credit.poolId,
          status: credit.status,
          amount: credit.amount,
          currency: credit.currency,
          tokens_issued: credit.tokensIssued,
          issue_transaction_id: credit.issueTransactionId,
          tokens_to_reverse: credit.tokensToReverse,
          tokens_reversed: credit.tokensReversed,
          shortfall: credit.shortfall,
          reverse_transaction_id: credit.reverseTransactionId,
          points_issued: credit.pointsIssued,
          points_reversed: credit.pointsReversed,
          points_shortfall: credit.pointsShortfall,
          created_at: toMs(credit.createdAt),
          updated_at: toMs(credit.updatedAt),
        })
        .onConflict((oc) => oc.columns(['source', 'order_id']).doNothing())
        .returning('order_id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async update(source, orderId, from, patch) {
      const row = await db
        .updateTable('order_credits')
        .set(toColumns(patch))
        .where('source', '=', source)
        .where('order_id', '=', orderId)
        .where('status', '=', from)
        .returningAll()
        .executeTakeFirst();
      return row && fromRow(row);
    },
  };
}
