import { cpf } from 'cpf-cnpj-validator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderBody } from './client';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

// Orders at the counter (partner-apis.md §2.7): completed ones earn points once (1 per currency unit,
// config/gym-program.json), canceled ones take them back once, replays change nothing.

describe('BonifiQ orders at /bonifiq/v1/pvt/POS/orders', () => {
  let t: PosTestApp;
  let ana: { email: string; document: string };
  beforeEach(async () => {
    t = await startPosApp();
    ana = await t.customer('ana', 0);
  });
  afterEach(() => t.close());

  const order = (id: string, total: number, extra: Partial<OrderBody> = {}): OrderBody => ({
    OriginalId: id,
    OrderPlacementDate: t.clock.now().toISOString(),
    OrderStatus: 'Pago',
    IsCompleted: true,
    IsCancelledOrReturned: false,
    OrderTotal: total,
    Customer: { OriginalId: 'c-ana', Name: 'Ana', Document: ana.document, IsEnrolled: true },
    Branch: { OriginalId: 'b1', Name: 'Centro' },
    ...extra,
  });

  it('completed → earns once; canceled → taken back once; replays change nothing', async () => {
    const placed = await t.pos.addOrder(order('o-1', 80.9));
    expect(placed.body).toMatchObject({
      Code: '00',
      Result: { State: 2, EstimatedBonus: { EstimatedPoints: 80 } },
    });
    expect(Number.isInteger(placed.body.Result?.Id)).toBe(true);
    expect(await t.pointsOf('ana')).toBe(80);
    const replay = await t.pos.addOrder(order('o-1', 80.9));
    expect(replay.body).toMatchObject({
      Code: '03',
      HasWarning: true,
      Result: { Id: placed.body.Result?.Id },
    });
    expect(await t.pointsOf('ana')).toBe(80);

    const canceled = await t.pos.cancelOrder('o-1');
    expect(canceled.body).toMatchObject({
      Code: '00',
      CodeName: 'OrderCanceled',
      Result: { IsCanceled: true },
    });
    expect(await t.pointsOf('ana')).toBe(0);
    const twice = await Promise.all([t.pos.cancelOrder('o-1'), t.pos.cancelOrder('o-1')]);
    for (const reply of twice)
      expect(reply.body).toMatchObject({ Code: '04', CodeName: 'OrderAlreadyCanceled' });
    // The completed order sent again after its cancel gives nothing.
    const late = await t.pos.addOrder(order('o-1', 80.9));
    expect(late.body).toMatchObject({ Code: '06', CodeName: 'OrderAlreadyCanceled', Result: { State: 3 } });
    expect(await t.pointsOf('ana')).toBe(0);
  });

  it('IsCancelledOrReturned takes back only what is left (never below zero); pending earns nothing yet', async () => {
    await t.pos.addOrder(order('o-2', 100));
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    expect((await t.pos.redeem(fiveOff, { CustomerId: ana.email, OriginalKey: 'spend-1' })).body.Code).toBe(
      '00',
    );
    expect(await t.pointsOf('ana')).toBe(50);
    const returned = await t.pos.addOrder(
      order('o-2', 100, { IsCompleted: false, IsCancelledOrReturned: true }),
    );
    expect(returned.body).toMatchObject({ Code: '05', CodeName: 'OrderCanceled', Result: { State: 3 } });
    expect(await t.pointsOf('ana')).toBe(0);

    const pending = await t.pos.addOrder(order('o-3', 40, { IsCompleted: false }));
    expect(pending.body).toMatchObject({ Code: '07', CodeName: 'OrderPending', Result: { State: 1 } });
    expect(await t.pointsOf('ana')).toBe(0);
    expect((await t.pos.addOrder(order('o-3', 40))).body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(40);
  });

  it('a cancel before the order: remembered, so the late completion earns nothing', async () => {
    const early = await t.pos.cancelOrder('o-4');
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ Code: '03', CodeName: 'OrderNotFound', Severity: 1, HasError: false });
    const late = await t.pos.addOrder(order('o-4', 60));
    expect(late.body.Code).toBe('06');
    expect(await t.pointsOf('ana')).toBe(0);
  });

  it('a Coupon that names no reward of this customer is a warning; points are still earned', async () => {
    const bob = await t.customer('bob', 100);
    const fiveOff = await t.rewardNumber(bob.email, FIVE_OFF);
    const bobs = await t.pos.redeem(fiveOff, { CustomerId: bob.email, OriginalKey: 'bob-1' });
    const bobsCode = bobs.body.Result?.ExternalCode ?? '';

    const unknown = await t.pos.addOrder(order('o-5', 30, { Coupon: 'NATAL10' }));
    expect(unknown.body).toMatchObject({
      Code: '04',
      CodeName: 'CouponNotLinked',
      HasWarning: true,
      HasError: false,
    });
    const foreign = await t.pos.addOrder(order('o-6', 20, { Coupon: bobsCode }));
    expect(foreign.body.Code).toBe('04');
    expect(await t.pointsOf('ana')).toBe(50);
    expect((await t.running.deps.store.redemptions.findByExternalCode(bobsCode))?.status).toBe('PURCHASED');
  });

  it('the customer must be known and well identified', async () => {
    const stranger = await t.pos.addOrder(order('o-7', 10, { Customer: { Document: cpf.generate() } }));
    expect(stranger.status).toBe(404);
    expect(stranger.body).toMatchObject({ Code: '01', CodeName: 'CustomerNotFound', HasError: true });
    const bad = await t.pos.addOrder(order('o-8', 10, { Customer: { Document: '12345678900' } }));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ Code: '02', Severity: 2 });
    expect(bad.body.ErrorMessage).toContain('Customer.Document');
    const byEmail = await t.pos.addOrder(order('o-9', 10, { Customer: { Email: ana.email } }));
    expect(byEmail.body.Code).toBe('00');
    const nobody = await t.pos.addOrder(order('o-10', 10, { Customer: { Name: 'No id' } }));
    expect(nobody.status).toBe(400);
    expect(await t.pointsOf('ana')).toBe(10);
  });
});
