import type { Selectable } from 'kysely';
import type { VisitCredit, VisitCreditRepo } from '../core/ports/token-credits';
import type { VisitCreditsTable } from './schema';
import { type Executor, toIso, toMs } from './util';

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
      const row = await db
        .selectFrom('visit_credits')
        .selectAll()
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async claimSlot(credit) {
      // Either unique key (the slot, or the event) makes this a no-op: exactly one racer gets the row.
      const row = await db
        .insertInto('visit_credits')
        .values({
          member_id: credit.memberId,
          local_day: credit.localDay,
          slot: credit.slot,
          source: credit.source,
          event_id: credit.eventId,
          pool_id: credit.poolId,
          transaction_id: credit.transactionId,
          visited_at: toMs(credit.visitedAt),
          created_at: toMs(credit.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .returning('slot')
        .executeTakeFirst();
      return row !== undefined;
    },

    async setTransaction(source, eventId, transactionId) {
      await db
        .updateTable('visit_credits')
        .set({ transaction_id: transactionId })
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .execute();
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
