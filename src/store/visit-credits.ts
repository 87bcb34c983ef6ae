import type { Selectable } from 'kysely';
import type { VisitCredit, VisitCreditRepo } from '../core/ports/token-credits';
import { compiledOnce } from './compiled';
import type { VisitCreditsTable } from './schema';
import { type Executor, toIso, toMs } from './util';

// The statements every gym visit runs, compiled once (compiled.ts).
const selectByEvent = compiledOnce((db, v: { source: string; eventId: string }) =>
  db.selectFrom('visit_credits').selectAll().where('source', '=', v.source).where('event_id', '=', v.eventId),
);

/** A visit credit as its row stores it: instants in epoch ms. */
type CreditValues = Omit<VisitCredit, 'visitedAt' | 'createdAt'> & { visitedAt: number; createdAt: number };

const insertSlot = compiledOnce((db, v: CreditValues) =>
  db
    .insertInto('visit_credits')
    .values({
      member_id: v.memberId,
      local_day: v.localDay,
      slot: v.slot,
      source: v.source,
      event_id: v.eventId,
      pool_id: v.poolId,
      transaction_id: v.transactionId,
      visited_at: v.visitedAt,
      created_at: v.createdAt,
    })
    // Either unique key (the slot, or the event) makes this a no-op: exactly one racer gets the row.
    .onConflict((oc) => oc.doNothing())
    .returning('slot'),
);

const updateTransaction = compiledOnce((db, v: { source: string; eventId: string; transactionId: string }) =>
  db
    .updateTable('visit_credits')
    .set({ transaction_id: v.transactionId })
    .where('source', '=', v.source)
    .where('event_id', '=', v.eventId),
);

function fromRow(row: Selectable<VisitCreditsTable>): VisitCredit {
  return {
    memberId: row.member_id,
    localDay: row.local_day,
    slot: row.slot,
    source: row.source,
    eventId: row.event_id,
    poolId: row.pool_id,
    transactionId: row.transaction_id,
    visitedAt: toIso(row.visited_at),
    createdAt: toIso(row.created_at),
  };
}

export function visitCreditRepo(db: Executor): VisitCreditRepo {
  return {
    async findByEvent(source, eventId) {
      const [row] = (await selectByEvent(db, { source, eventId })).rows;
      return row && fromRow(row);
    },

    async claimSlot(credit) {
      const { rows } = await insertSlot(db, {
        memberId: credit.memberId,
        localDay: credit.localDay,
        slot: credit.slot,
        source: credit.source,
        eventId: credit.eventId,
        poolId: credit.poolId,
        transactionId: credit.transactionId,
        visitedAt: toMs(credit.visitedAt),
        createdAt: toMs(credit.createdAt),
      });
      return rows.length > 0;
    },

    async setTransaction(source, eventId, transactionId) {
      await updateTransaction(db, { source, eventId, transactionId });
    },

    async remove(source, eventId) {
      await db
        .deleteFrom('visit_credits')
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .execute();
    },

    async countForDay(memberId, localDay) {
      const row = await db
        .selectFrom('visit_credits')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('member_id', '=', memberId)
        .where('local_day', '=', localDay)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
