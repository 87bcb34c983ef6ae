import type { Kysely, Migration } from 'kysely';

type AnyDb = Kysely<unknown>;

/** Integrations (webhook sources, partner API callers), inbound event dedupe, and the tokens given for visits and orders. */
export const m0002Webhooks: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('integrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('environment', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('webhook_secret', 'text')
      .addColumn('key_id', 'text')
      .addColumn('key_hash', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('integrations_name_uq', ['name'])
      .addUniqueConstraint('integrations_key_uq', ['kind', 'key_id'])
      .execute();

    // Permanent: a sender may retry an event days later; the row also holds the outcome a duplicate gets.
    await db.schema
      .createTable('inbound_events')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload_hash', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('attempt', 'integer', (c) => c.notNull())
      .addColumn('outcome_json', 'text')
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('completed_at', 'bigint')
      .addPrimaryKeyConstraint('inbound_events_pk', ['source', 'event_id'])
      .execute();

    // The primary key is the daily cap: one row per (member, local day, slot).
    await db.schema
      .createTable('visit_credits')
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('local_day', 'text', (c) => c.notNull())
      .addColumn('slot', 'integer', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('pool_id', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text')
      .addColumn('visited_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('visit_credits_pk', ['member_id', 'local_day', 'slot'])
      .addUniqueConstraint('visit_credits_event_uq', ['source', 'event_id'])
      .execute();

    // One row per order and source: the same order under two event ids credits once.
    await db.schema
      .createTable('order_credits')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text')
      .addColumn('pool_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('amount', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('tokens_issued', 'integer', (c) => c.notNull())
      .addColumn('issue_transaction_id', 'text')
      .addColumn('tokens_to_reverse', 'integer')
      .addColumn('tokens_reversed', 'integer', (c) => c.notNull())
      .addColumn('shortfall', 'integer', (c) => c.notNull())
      .addColumn('reverse_transaction_id', 'text')
      .addColumn('points_issued', 'integer', (c) => c.notNull())
      .addColumn('points_reversed', 'integer', (c) => c.notNull())
      .addColumn('points_shortfall', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('order_credits_pk', ['source', 'order_id'])
      .execute();
    await db.schema.createIndex('order_credits_member').on('order_credits').column('member_id').execute();
  },

  async down(db: AnyDb) {
    for (const table of ['order_credits', 'visit_credits', 'inbound_events', 'integrations']) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
