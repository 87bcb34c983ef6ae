import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

/**
 * The Expys-style partner API: outbound webhook endpoints, their deliveries (the outbox), partner member
 * profiles, and a dispatch mark on redemption events — each status event is committed with its status
 * change, so the events table itself is the transactional source of the outbox.
 */
export const m0003Expys: Migration = {
  async up(db: AnyDb) {
    await db.schema.alterTable('redemption_events').addColumn('dispatched_at', 'bigint').execute();
    // History before this migration is not announced.
    await sql`update redemption_events set dispatched_at = at`.execute(db);
    await db.schema
      .createIndex('redemption_events_undispatched')
      .on('redemption_events')
      .columns(['at', 'redemption_id', 'seq'])
      .where(sql.ref('dispatched_at'), 'is', null)
      .execute();

    await db.schema
      .createTable('webhook_endpoints')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('events_json', 'text', (c) => c.notNull())
      // Kept in clear on purpose: signing needs the secret itself.
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('disabled_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('webhook_endpoints_integration')
      .on('webhook_endpoints')
      .columns(['integration', 'created_at'])
      .execute();

    // One row per (event, endpoint): the event id is what receivers dedupe on; the row id is the delivery id.
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('endpoint_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', 'bigint')
      .addColumn('lease_until', 'bigint')
      .addColumn('delivered_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('webhook_deliveries_event_endpoint_uq', ['event_id', 'endpoint_id'])
      .execute();
    // next_attempt_at is null once delivered or given up: only live rows are indexed.
    await db.schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .column('next_attempt_at')
      .where(sql.ref('next_attempt_at'), 'is not', null)
      .execute();

    await db.schema
      .createTable('partner_profiles')
      .addColumn('integration', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text')
      .addColumn('tier', 'text')
      .addColumn('attributes_json', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('partner_profiles_pk', ['integration', 'external_id'])
      .execute();
  },

  async down(db: AnyDb) {
    for (const table of ['partner_profiles', 'webhook_deliveries', 'webhook_endpoints']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
    await db.schema.dropIndex('redemption_events_undispatched').ifExists().execute();
    await db.schema.alterTable('redemption_events').dropColumn('dispatched_at').execute();
  },
};
