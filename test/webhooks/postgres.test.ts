import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceSkip, freshSchemas, TEST_DATABASE_URL as url } from '../support/postgres';
import { DAY, joined, order, startWebhookApp, visit, type WebhookTestApp } from './support';

announceSkip('webhooks');

// The dedupe, daily cap and order claims rest on PostgreSQL's unique constraints here, not SQLite's one writer.
describe.skipIf(!url)('webhooks on PostgreSQL', () => {
  const schemas = freshSchemas('rb_wh');
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp({ store: await schemas.store() });
    t.addSiteMember('nina');
    await t.send('members', joined('nina', t.clock.now()));
  });
  afterEach(() => t.close());
  afterAll(() => schemas.dropAll());

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
