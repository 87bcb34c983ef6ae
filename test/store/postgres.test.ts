import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/store';
import { createStore } from '../../src/store';
import { describeStoreContract } from './contract';
import { at } from './contract/fixtures';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('store PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://… to run it');

// One schema per test file, so files running in parallel never see each other's rows.
const schema = `rb_test_${randomBytes(6).toString('hex')}`;
const tables = [
  'idempotency_keys',
  'leases',
  'redemption_events',
  'redemptions',
  'members',
  'member_links',
  'program_enrollments',
  'catalog_entries',
  'integrations',
  'inbound_events',
  'visit_credits',
  'order_credits',
  'pos_numbers',
  'pos_quotes',
  'pos_purchases',
];

describe.skipIf(!url)('store on PostgreSQL', () => {
  const databaseUrl = url ?? '';
  const admin = new pg.Client({ connectionString: databaseUrl });

  beforeAll(async () => {
    await admin.connect();
    // Migrates the fresh schema once; the cases below reuse it.
    await (await createStore({ databaseUrl, pgSchema: schema })).close();
  });
  afterAll(async () => {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  describeStoreContract(`schema ${schema}`, async () => {
    await admin.query(`truncate ${tables.map((t) => `${schema}.${t}`).join(', ')}`);
    return createStore({ databaseUrl, pgSchema: schema });
  });

  it('signing secrets written in clear are sealed on open with a key, read back, and refused under another', async () => {
    const name = `legacy-${randomBytes(4).toString('hex')}`;
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const clear = await createStore({ databaseUrl, pgSchema: schema });
    await clear.integrations.insert({
      id: `int_${name}`,
      name,
      kind: 'webhook',
      environment: 'live',
      currency: 'tokens',
      webhookSecret: secret,
      keyId: null,
      keyHash: null,
      createdAt: at(0).toISOString(),
    });
    await clear.close();

    const secretKey = 'pg-at-rest-key-0123456789-abcdefghijklm';
    const [sealed, again] = await Promise.all([
      createStore({ databaseUrl, pgSchema: schema, secretKey }),
      createStore({ databaseUrl, pgSchema: schema, secretKey }),
    ]);
    const { rows } = await admin.query<{ webhook_secret: string }>(
      `select webhook_secret from ${schema}.integrations where name = $1`,
      [name],
    );
    expect(rows[0]?.webhook_secret).toMatch(/^enc:v1:/);
    expect(rows[0]?.webhook_secret).not.toContain(secret.slice('whsec_'.length));
    expect((await sealed.integrations.getByName(name))?.webhookSecret).toBe(secret);
    expect((await again.integrations.getByName(name))?.webhookSecret).toBe(secret);
    await Promise.all([sealed.close(), again.close()]);

    await expect(
      createStore({ databaseUrl, pgSchema: schema, secretKey: 'another-key-0123456789-abcdefghijklmn' }),
    ).rejects.toThrow(/sealed with another data encryption key/);
    await admin.query(`delete from ${schema}.integrations where name = $1`, [name]);
  });

  describe('across store instances (separate pools, as separate processes would have)', () => {
    let a: Store;
    let b: Store;
    beforeAll(async () => {
      [a, b] = await Promise.all([
        createStore({ databaseUrl, pgSchema: schema }),
        createStore({ databaseUrl, pgSchema: schema }),
      ]);
    });
    afterAll(async () => {
      await Promise.all([a.close(), b.close()]);
    });

    it('20 claims of one lease raced from two instances: exactly one acquired, also on takeover', async () => {
      const name = `lease_${randomBytes(4).toString('hex')}`;
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).leases.claim(name, `o${i}`, at(0), 5_000)),
      );
      expect(results.filter((r) => r.kind === 'acquired')).toHaveLength(1);
      const takeovers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? a : b).leases.claim(name, `t${i}`, at(5_000), 5_000),
        ),
      );
      expect(takeovers.filter((r) => r.kind === 'acquired')).toEqual([
        { kind: 'acquired', fence: 2, priorWixCallAt: null },
      ]);
    });
  });
});
