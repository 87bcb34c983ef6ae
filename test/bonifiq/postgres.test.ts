import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.info('bonifiq PostgreSQL suite skipped: set TEST_DATABASE_URL=postgres://… to run it');

// The same guarantees on PostgreSQL, where several writers really race: lease locks, unique numbers.
describe.skipIf(!url)('BonifiQ PoS on PostgreSQL', () => {
  const schemas: string[] = [];
  let t: PosTestApp;
  beforeEach(async () => {
    const schema = `rb_bq_${randomBytes(6).toString('hex')}`;
    schemas.push(schema);
    t = await startPosApp({ store: await createStore({ databaseUrl: url ?? '', pgSchema: schema }) });
  });
  afterEach(() => t.close());
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  it('20 concurrent redeems: no overdraw, one reward per purchase, distinct RewardIds; the order earns once', async () => {
    const ana = await t.customer('ana', 120);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.pos.redeem(fiveOff, {
          CustomerId: ana.document,
          OriginalKey: `pg-${i}`,
          Metadatas: [{ Name: 'PurchaseId', Value: `sale-${i % 2}` }],
        }),
      ),
    );
    const done = replies.filter((r) => r.body.Code === '00');
    expect(done).toHaveLength(2);
    expect(new Set(done.map((r) => r.body.Result?.RewardId)).size).toBe(2);
    expect(await t.pointsOf('ana')).toBe(20);

    const order = {
      OriginalId: 'pg-sale',
      IsCompleted: true,
      OrderTotal: 30,
      Coupon: done[0]?.body.Result?.ExternalCode ?? '',
      Customer: { Email: ana.email },
    };
    const placed = await Promise.all(Array.from({ length: 5 }, () => t.pos.addOrder(order)));
    expect(placed.filter((r) => r.body.Code === '00')).toHaveLength(1);
    expect(placed.filter((r) => r.body.Code === '03')).toHaveLength(4);
    expect(await t.pointsOf('ana')).toBe(50);
  });
});
