import { type RawBuilder, sql } from 'kysely';
import type { LedgerFigure, LedgerRow, MsRange, ReportRepo } from '../core/ports/report';
import type { Currency } from '../core/redemption';
import type { Executor } from './util';

const DAY_MS = 86_400_000;
/** Counts and sums come back as numbers (SQLite) or numeric text (PostgreSQL bigint/numeric). */
type Num = number | string | bigint;

/** UTC days since the epoch, by integer division on both dialects (the columns are integers). */
const dayOf = (column: string): RawBuilder<Num> => sql<Num>`${sql.ref(column)} / ${sql.lit(DAY_MS)}`;

interface Raw {
  day?: Num | null;
  currency?: string;
  channel?: string;
  /** Null for a sum over no rows. */
  amount: Num | null;
  n: Num;
}

const row = (figure: LedgerFigure, currency: Currency, r: Raw): LedgerRow => ({
  figure,
  currency,
  channel: r.channel ?? null,
  day: r.day === undefined || r.day === null ? null : Number(r.day),
  amount: Number(r.amount ?? 0),
  count: Number(r.n ?? 0),
});

/**
 * The program's ledger from the app's own tables: each figure is one indexed range query, summed in SQL
 * (grouped by UTC day when asked), never a query per day.
 */
export function reportRepo(db: Executor): ReportRepo {
  async function ledger(range: MsRange, byDay: boolean): Promise<LedgerRow[]> {
    const visits = db
      .selectFrom('visit_credits')
      .select((eb) => [eb.fn.countAll<Num>().as('n'), eb.fn.countAll<Num>().as('amount')])
      .$if(byDay, (q) => q.select(dayOf('created_at').as('day')).groupBy(dayOf('created_at')))
      .where('transaction_id', 'is not', null)
      .where('created_at', '>=', range.fromMs)
      .where('created_at', '<', range.toMs)
      .execute();
    const orders = db
      .selectFrom('order_credits')
      .select((eb) => [
        eb.fn.countAll<Num>().as('n'),
        eb.fn.sum<Num>('tokens_issued').as('tokens'),
        eb.fn.sum<Num>('points_issued').as('points'),
      ])
      .$if(byDay, (q) => q.select(dayOf('created_at').as('day')).groupBy(dayOf('created_at')))
      .where('status', '<>', 'issuing')
      .where('created_at', '>=', range.fromMs)
      .where('created_at', '<', range.toMs)
      .execute();
    const reversals = db
      .selectFrom('order_credits')
      .select((eb) => [
        eb.fn.countAll<Num>().as('n'),
        eb.fn.sum<Num>('tokens_reversed').as('tokens'),
        eb.fn.sum<Num>('points_reversed').as('points'),
      ])
      .$if(byDay, (q) => q.select(dayOf('updated_at').as('day')).groupBy(dayOf('updated_at')))
      .where('status', '=', 'reversed')
      .where('updated_at', '>=', range.fromMs)
      .where('updated_at', '<', range.toMs)
      .execute();
    const adjustments = db
      .selectFrom('balance_adjustments')
      .select((eb) => [
        'currency',
        eb.fn.countAll<Num>().as('n'),
        sql<Num>`sum(case when amount > 0 then amount else 0 end)`.as('given'),
        sql<Num>`sum(case when amount < 0 then -amount else 0 end)`.as('taken'),
      ])
      .$if(byDay, (q) => q.select(dayOf('created_at').as('day')).groupBy(dayOf('created_at')))
      .where('created_at', '>=', range.fromMs)
      .where('created_at', '<', range.toMs)
      .groupBy('currency')
      .execute();
    const spent = db
      .selectFrom('redemptions')
      .select((eb) => [
        'currency',
        'channel',
        eb.fn.countAll<Num>().as('n'),
        eb.fn.sum<Num>('price').as('amount'),
      ])
      .$if(byDay, (q) => q.select(dayOf('created_at').as('day')).groupBy(dayOf('created_at')))
      .where('created_at', '>=', range.fromMs)
      .where('created_at', '<', range.toMs)
      .groupBy(['currency', 'channel'])
      .execute();
    const refunded = db
      .selectFrom('redemption_events as e')
      .innerJoin('redemptions as r', 'r.id', 'e.redemption_id')
      .select((eb) => ['r.currency', eb.fn.countAll<Num>().as('n'), eb.fn.sum<Num>('r.price').as('amount')])
      .$if(byDay, (q) => q.select(dayOf('e.at').as('day')).groupBy(dayOf('e.at')))
      .where('e.status', '=', 'CANCELED')
      .where('e.at', '>=', range.fromMs)
      .where('e.at', '<', range.toMs)
      .groupBy('r.currency')
      .execute();

    const rows: LedgerRow[] = [];
    for (const r of await visits) rows.push(row('visit', 'tokens', r));
    for (const r of await orders) {
      rows.push(
        row('order', 'tokens', { ...r, amount: r.tokens }),
        row('order', 'points', { ...r, amount: r.points }),
      );
    }
    for (const r of await reversals) {
      rows.push(
        row('reversal', 'tokens', { ...r, amount: r.tokens }),
        row('reversal', 'points', { ...r, amount: r.points }),
      );
    }
    for (const r of await adjustments) {
      const currency = r.currency as Currency;
      rows.push(
        row('adjust-in', currency, { ...r, amount: r.given }),
        row('adjust-out', currency, { ...r, amount: r.taken }),
      );
    }
    for (const r of await spent) rows.push(row('spent', r.currency as Currency, r));
    for (const r of await refunded) rows.push(row('refunded', r.currency as Currency, r));
    return rows;
  }

  return {
    ledgerByDay: (range) => ledger(range, true),
    ledgerTotals: (range) => ledger(range, false),
  };
}
