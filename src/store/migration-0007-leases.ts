import { type Kysely, type Migration, sql } from 'kysely';

type AnyDb = Kysely<unknown>;

/**
 * One lease engine: every claim (idempotency keys, inbound events, the member lock, named locks) leases a row
 * of `leases`. The tables that had their own owner/lease columns keep only their own facts. A redemption
 * being canceled is marked so nothing else moves it meanwhile.
 */
export const m0007Leases: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      // Null once released: the next claim is a takeover (fence + 1) that needs no waiting.
      .addColumn('owner', 'text')
      .addColumn('fence', 'integer', (c) => c.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('wix_call_at', 'bigint')
      .execute();
    // Keys and events running at upgrade keep their attempt count, so their next claim resumes them.
    const nl = sql`cast(${'\n'} as text)`;
    await sql`insert into leases (name, owner, fence, expires_at, wix_call_at)
      select ${sql`cast(${'idem'} as text)`} || ${nl} || scope || ${nl} || idem_key, null, attempt, null, null
      from idempotency_keys where status = 'running'`.execute(db);
    for (const table of ['idempotency_keys', 'inbound_events']) {
      for (const column of ['owner', 'lease_expires_at', 'attempt']) {
        await db.schema.alterTable(table).dropColumn(column).execute();
      }
    }
    await db.schema.dropTable('locks').execute();
    await db.schema.alterTable('redemptions').addColumn('canceling_at', 'bigint').execute();
  },

  async down(db: AnyDb) {
    await db.schema.alterTable('redemptions').dropColumn('canceling_at').execute();
    await db.schema
      .createTable('locks')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    for (const table of ['idempotency_keys', 'inbound_events']) {
      await db.schema.alterTable(table).addColumn('owner', 'text').execute();
      await db.schema.alterTable(table).addColumn('lease_expires_at', 'bigint').execute();
      await db.schema
        .alterTable(table)
        .addColumn('attempt', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
    }
    await db.schema.dropTable('leases').execute();
  },
};
