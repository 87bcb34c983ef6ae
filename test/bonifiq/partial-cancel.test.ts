import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderBody } from './client';
import { type PosTestApp, startPosApp, TEN_PERCENT } from './support';

// BonifiQ's partial cancel (partner-apis.md §2.3 step 5, §5: CancelKey): a partial return takes back the
// points of what came back, once per CancelKey, never more than the order earned.

describe('BonifiQ partial returns at /bonifiq/v1/pvt/POS/{orderId}/partialcancel', () => {
  let t: PosTestApp;
  let ana: { email: string; document: string };
  beforeEach(async () => {
    t = await startPosApp();
    ana = await t.customer('ana', 50);
  });
  afterEach(() => t.close());

  const order = (id: string, total: number): OrderBody => ({
    OriginalId: id,
    IsCompleted: true,
    OrderTotal: total,
    Customer: { Document: ana.document },
  });

  it('takes back the returned amount once per key; returns add up to what the order earned, no more', async () => {
    await t.pos.addOrder(order('o-1', 100));
    expect(await t.pointsOf('ana')).toBe(150);

    const first = await t.pos.partialCancel('o-1', { CancelKey: 'ret-1', ValueToRefund: 30 });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      Code: '00',
      CodeName: 'PartialCancelRegistered',
      HasError: false,
      Result: { IsCanceled: false, PointsReversed: 30, PointsShortfall: 0, RemainingPoints: 70 },
    });
    expect(await t.pointsOf('ana')).toBe(120);

    // The PoS retries (lost answer): the same result, nothing more taken. Racing retries too.
    const retries = await Promise.all(
      [1, 2, 3].map(() => t.pos.partialCancel('o-1', { CancelKey: 'ret-1', ValueToRefund: 30 })),
    );
    for (const retry of retries) {
      if (retry.status === 409)
        expect(retry.body.Code).toBe('95'); // still running: retry later
      else expect(retry.body).toEqual(first.body);
    }
    expect(await t.pointsOf('ana')).toBe(120);
    // The same key for another return is refused.
    const reused = await t.pos.partialCancel('o-1', { CancelKey: 'ret-1', ValueToRefund: 10 });
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ HasError: true, Code: '08', CodeName: 'CancelKeyReused' });

    // Returned items: their values add up (15 + 5 = 20 points).
    const items = await t.pos.partialCancel('o-1', {
      CancelKey: 'ret-2',
      Products: [
        { OriginalId: 'p1', ValueToRefund: 15 },
        { OriginalId: 'p2', ValueToRefund: 5 },
      ],
    });
    expect(items.body.Result).toMatchObject({ PointsReversed: 20, RemainingPoints: 50 });
    expect(await t.pointsOf('ana')).toBe(100);

    const third = await t.pos.partialCancel('o-1', { CancelKey: 'ret-3', ValueToRefund: 45 });
    expect(third.body.Result).toMatchObject({ PointsReversed: 45, RemainingPoints: 5 });
    expect(await t.pointsOf('ana')).toBe(55);
    // The full cancel afterwards takes back only the rest: the order never gives back more than it gave.
    await t.pos.cancelOrder('o-1');
    expect(await t.pointsOf('ana')).toBe(50);
    const late = await t.pos.partialCancel('o-1', { CancelKey: 'ret-4', ValueToRefund: 5 });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ Code: '04', CodeName: 'OrderCanceled' });
    expect(await t.pointsOf('ana')).toBe(50);
  });

  it('never below zero: points already spent are a shortfall; unknown orders and empty returns are refused', async () => {
    await t.pos.addOrder(order('o-2', 100));
    const tenPercent = await t.rewardNumber(ana.email, TEN_PERCENT);
    expect((await t.pos.redeem(tenPercent, { CustomerId: ana.email, OriginalKey: 'spend' })).body.Code).toBe(
      '00',
    );
    expect(await t.pointsOf('ana')).toBe(50);

    const back = await t.pos.partialCancel('o-2', { CancelKey: 'ret-a', ValueToRefund: 80 });
    expect(back.body.Result).toMatchObject({ PointsReversed: 50, PointsShortfall: 30, RemainingPoints: 20 });
    expect(await t.pointsOf('ana')).toBe(0);
    // A return worth more than the order has left takes only what it has left.
    const big = await t.pos.partialCancel('o-2', { CancelKey: 'ret-d', ValueToRefund: 500 });
    expect(big.body.Result).toMatchObject({ PointsReversed: 0, PointsShortfall: 20, RemainingPoints: 0 });

    const unknown = await t.pos.partialCancel('nope', { CancelKey: 'ret-b', ValueToRefund: 1 });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ Code: '03', CodeName: 'OrderNotFound' });
    const empty = await t.pos.partialCancel('o-2', { CancelKey: 'ret-c' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ Code: '02' });
    const noKey = await t.pos.raw('POST', '/v1/pvt/POS/o-2/partialcancel', { ValueToRefund: 1 });
    expect(noKey.status).toBe(400);
  });
});
