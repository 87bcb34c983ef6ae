import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

/** The point of sale (BonifiQ-style): the numbers a PoS sees, its latest cart per customer, purchases. */
export const m0004Bonifiq: Migration = {
  async up(db: AnyDb) {
    // PoS ids are int32: each (scope, ref) gets the next number of its scope once; both keys are unique.
    await db.schema
      .createTable('pos_numbers')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_numbers_pk', ['scope', 'number'])
      .addUniqueConstraint('pos_numbers_ref_uq', ['scope', 'ref'])
      .execute();

    await db.schema
      .createTable('pos_quotes')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('purchase_cents', 'bigint', (c) => c.notNull())
      .addColumn('discount_cents', 'bigint', (c) => c.notNull())
      .addColumn('quoted_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_quotes_pk', ['integration', 'member_id'])
      .execute();

    await db.schema
      .createTable('pos_purchases')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('purchase_id', 'text', (c) => c.notNull())
      .addColumn('redemption_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_purchases_pk', [
        'integration',
        'member_id',
        'purchase_id',
        'redemption_id',
      ])
      .execute();
  },

  async down(db: AnyDb) {
    for (const table of ['pos_purchases', 'pos_quotes', 'pos_numbers']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
