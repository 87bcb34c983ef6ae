import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GYM_ITEMS } from '../support/app';
import { joined, order, startWebhookApp, type WebhookTestApp } from './support';

describe('POST /webhooks/<source>/orders', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
    t.addSiteMember('gil');
    await t.send('members', joined('gil', t.clock.now()));
  });
  afterEach(() => t.close());

  const paid = (orderId: string, amount: string, extra = {}) =>
    order('order.paid', orderId, 'gil', amount, t.clock.now(), extra);
  const refunded = (orderId: string, amount: string) =>
    order('order.refunded', orderId, 'gil', amount, t.clock.now());

  it('paid then refunded: tokens given (1 per 10) then taken back exactly; duplicates change nothing', async () => {
    await t.call(
      'dashboard/adjustTokens',
      [{ memberId: 'gil', amount: 4, reason: 'earlier', idempotencyKey: 'gil-four-tokens' }],
      await t.adminToken(),
    );
    const pay = await t.send('orders', paid('o-1', '123.40'), { id: 'evt-pay' });
    expect(pay.body).toMatchObject({ outcome: 'tokens_issued', duplicate: false, details: { tokens: 12 } });
    expect(await t.balance('gil')).toBe(16);
    for (let i = 0; i < 3; i++) {
      expect((await t.send('orders', paid('o-1', '123.40'), { id: 'evt-pay' })).body.duplicate).toBe(true);
    }
    // The same order announced under another event id: credited once.
    const again = await t.send('orders', paid('o-1', '123.40'), { id: 'evt-pay-2' });
    expect(again.body).toMatchObject({ outcome: 'already_credited', duplicate: false });
    expect(await t.balance('gil')).toBe(16);

    const refund = await t.send('orders', refunded('o-1', '123.40'), { id: 'evt-refund' });
    expect(refund.body).toMatchObject({ outcome: 'tokens_reversed', details: { tokens: 12, shortfall: 0 } });
    expect(await t.balance('gil')).toBe(4);
    expect((await t.send('orders', refunded('o-1', '123.40'), { id: 'evt-refund' })).body.duplicate).toBe(
      true,
    );
    const cancel = await t.send('orders', order('order.canceled', 'o-1', 'gil', '123.40', t.clock.now()));
    expect(cancel.body).toMatchObject({ outcome: 'already_reversed' });
    expect(await t.balance('gil')).toBe(4);
  });

  it('refund after the tokens were spent: takes what is left, records the shortfall, never below zero', async () => {
    await t.send('orders', paid('o-2', '150.00'));
    expect(await t.balance('gil')).toBe(15);
    const redeemed = await t.call(
      'benefits/redeemMyBenefit',
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'gil-bottle' }],
      await t.memberToken('gil'),
    );
    expect(redeemed.status).toBe(200);
    expect(await t.balance('gil')).toBe(5);

    const refund = await t.send('orders', refunded('o-2', '150.00'));
    expect(refund.body).toMatchObject({ outcome: 'tokens_reversed', details: { tokens: 5, shortfall: 10 } });
    expect(await t.balance('gil')).toBe(0);
    const repeat = await t.send('orders', order('order.canceled', 'o-2', 'gil', '150.00', t.clock.now()));
    expect(repeat.body).toMatchObject({ outcome: 'already_reversed' });
    expect(await t.balance('gil')).toBe(0);
  });

  it('concurrent duplicate refunds and a concurrent cancel take back once', async () => {
    await t.send('orders', paid('o-3', '50'));
    const replies = await Promise.all([
      ...Array.from({ length: 5 }, () => t.send('orders', refunded('o-3', '50'), { id: 'evt-r3' })),
      t.send('orders', order('order.canceled', 'o-3', 'gil', '50', t.clock.now()), { id: 'evt-c3' }),
    ]);
    expect(replies.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(replies.filter((r) => r.body.outcome === 'tokens_reversed' && !r.body.duplicate)).toHaveLength(1);
    expect(await t.balance('gil')).toBe(0);
  });

  it('a refund arriving before its payment: nothing to take back, and the late payment gives nothing', async () => {
    const early = await t.send('orders', order('order.refunded', 'o-4', 'gil', '90', t.clock.now()));
    expect(early.body).toMatchObject({ outcome: 'nothing_to_reverse' });
    const late = await t.send('orders', paid('o-4', '90'));
    expect(late.body).toMatchObject({ outcome: 'already_reversed' });
    expect(await t.balance('gil')).toBe(0);
  });

  it('an amount under one token gives none; an order by email finds the member', async () => {
    expect((await t.send('orders', paid('o-5', '9.99'))).body).toMatchObject({ outcome: 'no_tokens' });
    const byEmail = order('order.paid', 'o-6', 'gil', '20', t.clock.now());
    const { memberId: _, ...data } = byEmail.data;
    const res = await t.send('orders', { ...byEmail, data: { ...data, email: 'GIL@example.com' } });
    expect(res.body).toMatchObject({ outcome: 'tokens_issued', details: { tokens: 2, memberId: 'gil' } });
  });

  it('an order carrying a redemption’s external code completes that redemption', async () => {
    await t.send('orders', paid('o-7', '100'));
    const redeemed = await t.call<{ redemption: { id: string } }>(
      'benefits/redeemMyBenefit',
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'gil-bottle-2' }],
      await t.memberToken('gil'),
    );
    const id = redeemed.body.result?.redemption.id ?? '';
    // Point-of-sale redemptions carry an external code; give this one a code as such a surface would.
    await t.running.deps.store.redemptions.transition(
      id,
      ['PURCHASED'],
      { externalCode: 'POS-CODE-1' },
      {
        redemptionId: id,
        status: 'PURCHASED',
        at: t.clock.now().toISOString(),
        actor: 'test',
        note: null,
      },
    );
    const res = await t.send('orders', paid('o-8', '5', { couponCode: 'POS-CODE-1' }));
    expect(res.body).toMatchObject({ details: { redemptionCompleted: id } });
    expect((await t.running.deps.store.redemptions.get(id))?.status).toBe('COMPLETED');
  });

  it('an order using a loyalty coupon code completes the redemption that bought the coupon', async () => {
    const admin = await t.adminToken();
    const points = { memberId: 'gil', amount: 150, reason: 'test', idempotencyKey: 'gil-points-150' };
    expect((await t.call('dashboard/adjustPoints', [points], admin)).status).toBe(200);
    const rewardId = t.running.setup.loyaltyRewards.find((r) => r.name === '10% off')?.rewardId;
    const bought = await t.call<{ redemption: { id: string; couponCode: string } }>(
      'loyalty/redeemMyPointsForCoupon',
      [{ rewardId, idempotencyKey: 'gil-coupon-01' }],
      await t.memberToken('gil'),
    );
    const redemption = bought.body.result?.redemption;
    expect(redemption?.couponCode).toMatch(/^[A-Z0-9]+$/);

    const res = await t.send('orders', paid('o-coupon', '40', { couponCode: redemption?.couponCode }));
    expect(res.body).toMatchObject({ details: { redemptionCompleted: redemption?.id } });
    expect((await t.running.deps.store.redemptions.get(redemption?.id ?? ''))?.status).toBe('COMPLETED');
  });

  it('malformed orders answer 400: bad amount, unknown type, no member on a payment', async () => {
    const bad = [
      paid('o-9', '12,50'),
      { ...paid('o-9', '10'), type: 'order.shipped' },
      {
        ...paid('o-9', '10'),
        data: {
          orderId: 'o-9',
          total: { amount: '10', currency: 'BRL' },
          occurredAt: t.clock.now().toISOString(),
        },
      },
    ];
    for (const payload of bad) {
      const res = await t.send('orders', payload);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION');
    }
    expect(await t.balance('gil')).toBe(0);
  });

  it('ORDER_POINTS_PER_UNIT: orders also earn loyalty points, and a refund takes them back', async () => {
    await t.close();
    t = await startWebhookApp({ env: { ORDER_POINTS_PER_UNIT: '2' } });
    t.addSiteMember('gil');
    await t.send('members', joined('gil', t.clock.now()));
    const points = async () => (await t.running.deps.loyalty.getAccountByMember('gil'))?.balance ?? 0;
    const pay = await t.send('orders', paid('o-p', '30.50'), { id: 'pay-p' });
    expect(pay.body).toMatchObject({ outcome: 'tokens_issued', details: { tokens: 3, points: 61 } });
    await t.send('orders', paid('o-p', '30.50'), { id: 'pay-p-again' });
    expect(await points()).toBe(61);
    const refund = await t.send('orders', refunded('o-p', '30.50'));
    expect(refund.body).toMatchObject({
      outcome: 'tokens_reversed',
      details: { tokens: 3, points: 61, pointsShortfall: 0 },
    });
    expect(await points()).toBe(0);
    expect(await t.balance('gil')).toBe(0);
  });

  it('ORDER_AMOUNT_PER_TOKEN sets the rate', async () => {
    await t.close();
    t = await startWebhookApp({ env: { ORDER_AMOUNT_PER_TOKEN: '2.5' } });
    t.addSiteMember('gil');
    await t.send('members', joined('gil', t.clock.now()));
    expect((await t.send('orders', paid('o-1', '10.00'))).body).toMatchObject({ details: { tokens: 4 } });
  });
});
