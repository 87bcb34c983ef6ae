import { sql } from 'kysely';
import type { CounterRepo } from '../core/ports/pos';
import { type Executor, toIso, toMs, upsert } from './util';

/** Racing allocators of one scope pick the same next number; the loser tries again. */
const ALLOCATE_ATTEMPTS = 50;

/** The PoS bookkeeping: numbers, latest quotes, purchases. */
export function counterRepo(db: Executor): CounterRepo {
  const findNumber = async (scope: string, ref: string) =>
    (
      await db
        .selectFrom('pos_numbers')
        .select('number')
        .where('scope', '=', scope)
        .where('ref', '=', ref)
        .executeTakeFirst()
    )?.number;

  return {
    async numberOf(scope, ref, now) {
      for (let attempt = 1; attempt <= ALLOCATE_ATTEMPTS; attempt++) {
        const known = await findNumber(scope, ref);
        if (known !== undefined) return Number(known);
        // Next number of the scope in the insert itself; the unique keys settle races (nothing inserted).
        const inserted = await db
          .insertInto('pos_numbers')
          .columns(['scope', 'number', 'ref', 'created_at'])
          .expression((eb) =>
            eb
              .selectFrom('pos_numbers')
              .select([
                // Typed casts: PostgreSQL cannot infer the type of a bare parameter in a select list.
                sql<string>`cast(${scope} as text)`.as('scope'),
                sql<number>`coalesce(max(number), 0) + 1`.as('number'),
                sql<string>`cast(${ref} as text)`.as('ref'),
                sql<number>`cast(${now.getTime()} as bigint)`.as('created_at'),
              ])
              .where('scope', '=', scope),
          )
          .onConflict((oc) => oc.doNothing())
          .returning('number')
          .executeTakeFirst();
        if (inserted) return Number(inserted.number);
      }
      throw new Error(`could not allocate a number in ${scope}`);
    },

    async refOf(scope, number) {
      const row = await db
        .selectFrom('pos_numbers')
        .select('ref')
        .where('scope', '=', scope)
        .where('number', '=', number)
        .executeTakeFirst();
      return row?.ref;
    },

    async saveQuote(quote) {
      await upsert(
        db,
        'pos_quotes',
        { integration: quote.integration, member_id: quote.memberId },
        {
          purchase_cents: quote.purchaseCents,
          discount_cents: quote.discountCents,
          quoted_at: toMs(quote.quotedAt),
        },
      );
    },

    async getQuote(integration, memberId) {
      const row = await db
        .selectFrom('pos_quotes')
        .selectAll()
        .where('integration', '=', integration)
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return (
        row && {
          integration: row.integration,
          memberId: row.member_id,
          purchaseCents: Number(row.purchase_cents),
          discountCents: Number(row.discount_cents),
          quotedAt: toIso(Number(row.quoted_at)),
        }
      );
    },

    async addPurchase(purchase) {
      await db
        .insertInto('pos_purchases')
        .values({
          integration: purchase.integration,
          member_id: purchase.memberId,
          purchase_id: purchase.purchaseId,
          redemption_id: purchase.redemptionId,
          created_at: toMs(purchase.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async purchaseRedemptions(integration, memberId, purchaseId) {
      const rows = await db
        .selectFrom('pos_purchases')
        .select('redemption_id')
        .where('integration', '=', integration)
        .where('member_id', '=', memberId)
        .where('purchase_id', '=', purchaseId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => r.redemption_id);
    },
  };
}
