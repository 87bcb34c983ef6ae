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

  it('racing partial returns under one CancelKey take back once; racing wrong codes stop at five tries', async () => {
    const ana = await t.customer('ana', 0);
    await t.pos.addOrder({
      OriginalId: 'pg-o',
      IsCompleted: true,
      OrderTotal: 100,
      Customer: { Email: ana.email },
    });
    const returns = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.pos.partialCancel('pg-o', { CancelKey: 'pg-ret', ValueToRefund: 40 }),
      ),
    );
    expect(returns.every((r) => r.body.Code === '00' || r.body.Code === '95')).toBe(true);
    expect(await t.pointsOf('ana')).toBe(60);

    await t.running.deps.store.challenges.setShouldValidate('loja', true, t.clock.now());
    await t.pos.challenge(ana.email, { TransactionId: 'pg-sale' });
    const code = (await t.running.deps.store.challenges.latestLocalCode('loja', ana.email))?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    await Promise.all(
      Array.from({ length: 10 }, () =>
        t.pos.challengeValidate(ana.email, { TransactionId: 'pg-sale', Code: wrong }),
      ),
    );
    const late = await t.pos.challengeValidate(ana.email, { TransactionId: 'pg-sale', Code: code });
    expect(late.body.Success).toBe(false);
    const stored = await t.running.deps.store.challenges.get('loja', 'ana', 'pg-sale');
    expect(stored?.attempts).toBe(5);
  });
});
