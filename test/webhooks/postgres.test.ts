import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store';
import { DAY, joined, order, startWebhookApp, visit, type WebhookTestApp } from './support';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('webhooks PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://… to run it');

// The dedupe, daily cap and order claims rest on PostgreSQL's unique constraints here, not SQLite's one writer.
describe.skipIf(!url)('webhooks on PostgreSQL', () => {
  const schemas: string[] = [];
  let t: WebhookTestApp;
  beforeEach(async () => {
    // A fresh schema per case: the app and its local Wix start empty together.
    const schema = `rb_wh_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    t = await startWebhookApp({ store: await createStore({ databaseUrl: url ?? '', pgSchema: schema }) });
    t.addSiteMember('nina');
    await t.send('members', joined('nina', t.clock.now()));
  });
  afterEach(() => t.close());
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('one visit delivered 10 times at once, and 10 distinct visits at once: one token each day', async () => {
    const same = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.send('gym-visits', visit('nina', t.clock.now()), { id: 'pg-visit' }),
      ),
    );
    expect(same.filter((r) => !r.body.duplicate)).toHaveLength(1);
    expect(same.every((r) => r.body.outcome === 'token_issued')).toBe(true);
    t.clock.advance(DAY);
    const distinct = await Promise.all(
      Array.from({ length: 10 }, () => t.send('gym-visits', visit('nina', t.clock.now()))),
    );
    expect(distinct.filter((r) => r.body.outcome === 'token_issued')).toHaveLength(1);
    expect(await t.balance('nina')).toBe(2);
  });

  it('paid then refunded, each delivered concurrently: tokens given once and taken back once', async () => {
    const paid = order('order.paid', 'pg-o', 'nina', '80', t.clock.now());
    await Promise.all(Array.from({ length: 5 }, (_, i) => t.send('orders', paid, { id: `pay-${i % 2}` })));
    expect(await t.balance('nina')).toBe(8);
    const refund = order('order.refunded', 'pg-o', 'nina', '80', t.clock.now());
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => t.send('orders', refund, { id: `refund-${i % 2}` })),
    );
    expect(await t.balance('nina')).toBe(0);
  });
});
