import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

/**
 * Partner API gaps: the PoS customer challenge (per-integration setting, one-time codes, the local
 * sender's inbox); Expys terms acceptances and redemption feedback; offers book once per member by default.
 */
export const m0005Partners: Migration = {
  async up(db: AnyDb) {
    // One booking per member and offer is now the default (an entry may be marked repeatable).
    await sql`update catalog_entries set one_per_member = 1`.execute(db);
    // A product-discount reward's product (BonifiQ RewardType 5).
    await db.schema.alterTable('catalog_entries').addColumn('product_json', 'text').execute();

    await db.schema
      .createTable('pos_settings')
      .addColumn('integration', 'text', (c) => c.primaryKey())
      .addColumn('should_validate_customer', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('pos_challenges')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull())
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('validated_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_challenges_pk', ['integration', 'member_id', 'transaction_id'])
      .execute();

    // What the local sender "delivered": the code a developer types at the counter (read by the CLI).
    await db.schema
      .createTable('pos_local_codes')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('customer', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('pos_local_codes_latest')
      .on('pos_local_codes')
      .columns(['integration', 'created_at'])
      .execute();

    await db.schema
      .createTable('expys_terms_acceptances')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('version', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('expys_terms_acceptances_pk', ['integration', 'external_id', 'version'])
      .execute();

    // Points partners minted through their API (Expys wallet/credit): the org's analytics.
    await db.schema
      .createTable('partner_credits')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('partner_credits_pk', ['integration', 'transaction_id'])
      .execute();

    await db.schema
      .createTable('redemption_feedback')
      .addColumn('redemption_id', 'text', (c) => c.primaryKey())
      .addColumn('rating', 'integer', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('submitted_at', 'bigint', (c) => c.notNull())
      .execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('catalog_entries').dropColumn('product_json').execute();
    for (const table of [
      'redemption_feedback',
      'partner_credits',
      'expys_terms_acceptances',
      'pos_local_codes',
      'pos_challenges',
      'pos_settings',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
