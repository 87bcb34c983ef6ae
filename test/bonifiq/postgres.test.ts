import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announceSkip, freshSchemas, TEST_DATABASE_URL as url } from '../support/postgres';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

announceSkip('bonifiq');

// The same guarantees on PostgreSQL, where several writers really race: lease locks, unique numbers.
describe.skipIf(!url)('BonifiQ PoS on PostgreSQL', () => {
  const schemas = freshSchemas('rb_bq');
  let t: PosTestApp;
  beforeEach(async () => {
    t = await startPosApp({ store: await schemas.store() });
  });
  afterEach(() => t.close());
  afterAll(() => schemas.dropAll());

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
