import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

/** The program report: hand-made balance changes, and time indexes for its per-day sums. */
export const m0006Report: Migration = {
  async up(db: AnyDb) {
    // One row per Wix transaction: a resumed attempt that records the same change again keeps one.
    await db.schema
      .createTable('balance_adjustments')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('balance_adjustments_pk', ['currency', 'transaction_id'])
      .execute();
    const indexes: [string, string, string[]][] = [
      ['balance_adjustments_created', 'balance_adjustments', ['created_at']],
      ['visit_credits_created', 'visit_credits', ['created_at']],
      ['order_credits_created', 'order_credits', ['created_at']],
      ['order_credits_status_updated', 'order_credits', ['status', 'updated_at']],
      ['redemption_events_status_at', 'redemption_events', ['status', 'at']],
    ];
    for (const [name, table, columns] of indexes) {
      await db.schema.createIndex(name).on(table).columns(columns).execute();
    }
  },

  async down(db: AnyDb) {
    for (const name of [
      'redemption_events_status_at',
      'order_credits_status_updated',
      'order_credits_created',
      'visit_credits_created',
    ]) {
      await db.schema.dropIndex(name).ifExists().execute();
    }
    await db.schema.dropTable('balance_adjustments').ifExists().execute();
  },
};
