import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { m0002Webhooks } from './migration-0002-webhooks';
import { m0003Expys } from './migration-0003-expys';
import { m0004Bonifiq } from './migration-0004-bonifiq';
import { m0005Partners } from './migration-0005-partners';
import { m0006Report } from './migration-0006-report';
import { m0007Leases } from './migration-0007-leases';

// Migrations take Kysely<any> by Kysely's convention (they must not depend on today's DB type); unknown is
// accepted by the schema builder just as well.
type AnyDb = Kysely<unknown>;

const m0001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('idem_key', 'text', (c) => c.notNull())
      .addColumn('fingerprint', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('outcome_ok', 'integer')
      .addColumn('outcome_body', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'idem_key'])
      .execute();
    await db.schema
      .createIndex('idempotency_keys_status_created')
      .on('idempotency_keys')
      .columns(['status', 'created_at'])
      .execute();

    await db.schema
      .createTable('locks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('redemptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('offer_json', 'text', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .addColumn('price', 'double precision', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('canceled_reason', 'text')
      .addColumn('canceled_note', 'text')
      .addColumn('wix_json', 'text', (c) => c.notNull())
      .addColumn('external_code', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      // Both dialects allow many NULLs under a unique constraint.
      .addUniqueConstraint('redemptions_external_code_uq', ['external_code'])
      .execute();
    for (const [name, lead] of [
      ['redemptions_created', []],
      ['redemptions_member_created', ['member_id']],
      ['redemptions_status_created', ['status']],
      ['redemptions_channel_created', ['channel']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('redemptions')
        .columns([...lead, 'created_at', 'id'])
        .execute();
    }

    await db.schema
      .createTable('redemption_events')
      .addColumn('redemption_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('redemption_events_pk', ['redemption_id', 'seq'])
      .addForeignKeyConstraint(
        'redemption_events_redemption_fk',
        ['redemption_id'],
        'redemptions',
        ['id'],
        (c) => c.onDelete('cascade'),
      )
      .execute();

    await db.schema
      .createTable('members')
      .addColumn('member_id', 'text', (c) => c.primaryKey())
      .addColumn('contact_id', 'text')
      .addColumn('email', 'text')
      .addColumn('document', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('members_email').on('members').column('email').execute();
    await db.schema.createIndex('members_document').on('members').column('document').execute();

    // No foreign key to members: an integration may link a user before the member row is cached.
    await db.schema
      .createTable('member_links')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_links_pk', ['integration', 'external_id'])
      .execute();
    await db.schema.createIndex('member_links_member').on('member_links').column('member_id').execute();

    await db.schema
      .createTable('program_enrollments')
      .addColumn('member_id', 'text', (c) => c.primaryKey())
      .addColumn('program_definition_id', 'text', (c) => c.notNull())
      .addColumn('program_id', 'text', (c) => c.notNull())
      .addColumn('pool_id', 'text')
      .addColumn('loyalty_account_id', 'text')
      .addColumn('enrolled_at', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cycles_renewed', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('program_enrollments_status_member')
      .on('program_enrollments')
      .columns(['status', 'member_id'])
      .execute();

    await db.schema
      .createTable('catalog_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('price', 'double precision', (c) => c.notNull())
      .addColumn('benefit_json', 'text')
      .addColumn('benefit_external_id', 'text')
      .addColumn('reward_json', 'text')
      .addColumn('reward_id', 'text')
      .addColumn('one_per_member', 'integer', (c) => c.notNull())
      .addColumn('stock', 'integer')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('catalog_entries_benefit')
      .on('catalog_entries')
      .column('benefit_external_id')
      .execute();
    await db.schema.createIndex('catalog_entries_reward').on('catalog_entries').column('reward_id').execute();
    await db.schema
      .createIndex('catalog_entries_list')
      .on('catalog_entries')
      .columns(['active', 'currency', 'price', 'id'])
      .execute();
  },

  async down(db: AnyDb) {
    for (const table of [
      'catalog_entries',
      'program_enrollments',
      'member_links',
      'members',
      'redemption_events',
      'redemptions',
      'locks',
      'idempotency_keys',
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

/** Every migration, in order; names sort in application order. */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_webhooks': m0002Webhooks,
  '0003_expys': m0003Expys,
  '0004_bonifiq': m0004Bonifiq,
  '0005_partners': m0005Partners,
  '0006_report': m0006Report,
  '0007_leases': m0007Leases,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the database up to the latest schema. Safe to run from several processes at once: Kysely's
 * migrator takes a lock (an advisory lock on PostgreSQL).
 * @param schema PostgreSQL schema of the migration bookkeeping tables; Kysely otherwise looks for them
 *   in every schema and may find another app's.
 */
export async function migrateToLatest<T>(db: Kysely<T>, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`store migration ${failed ?? ''} failed`, { cause: error });
  }
}
