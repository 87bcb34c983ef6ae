import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgramReport } from '../../src/core/report/program-report';
import { GYM_ITEMS } from '../support/app';
import { announceSkip, freshSchemas, TEST_DATABASE_URL } from '../support/postgres';
import { DAY, joined, order, startWebhookApp, visit, type WebhookTestApp } from '../webhooks/support';

type Redeemed = { redemption: { id: string; price: number } };

announceSkip('program report');

/**
 * A known day of activity, then a refund the next day: the report's figures must be exactly this ledger,
 * and what it says the program owes must be what the members' Wix balances hold.
 */
function reportSuite(name: string, storeOf: () => Promise<Parameters<typeof startWebhookApp>[0]>) {
  describe(name, () => {
    let t: WebhookTestApp;
    let admin: string;
    let orderTokens: number;
    let orderPoints: number;
    let couponPrice: number;
    beforeEach(async () => {
      t = await startWebhookApp({ ...(await storeOf()), env: { ORDER_POINTS_PER_UNIT: '1' } });
      admin = await t.adminToken();
      const ok = async (res: Promise<{ status: number; body: unknown }>) => {
        const done = await res;
        if (done.status !== 200) throw new Error(JSON.stringify(done.body));
        return done.body as { result: Redeemed };
      };
      // Day 1 (2026-01-01): join, a visit, staff give 40 tokens, an order, three redemptions (one canceled),
      // staff give 120 points and take 15 back, a coupon bought with points.
      t.addSiteMember('ann');
      await t.send('members', joined('ann', t.clock.now()));
      await t.send('gym-visits', visit('ann', t.clock.now()));
      await ok(
        t.call(
          'dashboard/adjustTokens',
          [{ memberId: 'ann', amount: 40, reason: 'gift', idempotencyKey: 'gift-0001' }],
          admin,
        ),
      );
      const paid = await t.send('orders', order('order.paid', 'o-1', 'ann', '55.00', t.clock.now()));
      orderTokens = Number(paid.body.details?.tokens);
      orderPoints = Number(paid.body.details?.points);
      const ann = await t.memberToken('ann');
      await ok(
        t.call(
          'benefits/redeemMyBenefit',
          [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'site-0001' }],
          ann,
        ),
      );
      const hoodie = await ok(
        t.call(
          'dashboard/redeemBenefitForMember',
          [{ memberId: 'ann', externalId: GYM_ITEMS.hoodie, idempotencyKey: 'dash-0001' }],
          admin,
        ),
      );
      await ok(
        t.call(
          'dashboard/cancelRedemption',
          [{ redemptionId: hoodie.result.redemption.id, reason: 'changed mind' }],
          admin,
        ),
      );
      await ok(
        t.call(
          'dashboard/adjustPoints',
          [{ memberId: 'ann', amount: 120, reason: 'gift', idempotencyKey: 'pts-0001' }],
          admin,
        ),
      );
      await ok(
        t.call(
          'dashboard/adjustPoints',
          [{ memberId: 'ann', amount: -15, reason: 'fix', idempotencyKey: 'pts-0002' }],
          admin,
        ),
      );
      const rewards = await t.call<{
        items: { rewardId: string; costInPoints: number | null; redeemable: boolean }[];
      }>('loyalty/getMyAffordableRewards', [], ann);
      const reward = rewards.body.result?.items.find((r) => r.redeemable && (r.costInPoints ?? 0) <= 100);
      if (!reward) throw new Error('no coupon reward');
      couponPrice = reward.costInPoints ?? 0;
      await ok(
        t.call(
          'loyalty/redeemMyPointsForCoupon',
          [{ rewardId: reward.rewardId, idempotencyKey: 'coupon-0001' }],
          ann,
        ),
      );
      // Day 2: another visit, and the order is refunded.
      t.clock.advance(DAY);
      await t.send('gym-visits', visit('ann', t.clock.now()));
      await t.send('orders', order('order.refunded', 'o-1', 'ann', '55.00', t.clock.now()));
    });
    afterEach(() => t.close());

    const report = async (range: { from?: string; to?: string }) => {
      const res = await t.call<ProgramReport>('dashboard/getProgramReport', [range], admin);
      if (!res.body.result) throw new Error(JSON.stringify(res.body));
      return res.body.result;
    };
    const points = async () => {
      const res = await t.call<{ balance: number }>(
        'loyalty/getMyLoyaltyAccount',
        [],
        await t.memberToken('ann'),
      );
      return res.body.result?.balance;
    };

    it('each day holds that day’s records; totals are the ledger; outstanding is what members hold', async () => {
      expect(orderTokens).toBe(5);
      expect(orderPoints).toBe(55);
      const r = await report({ from: '2026-01-01', to: '2026-01-02' });
      expect(r.days.map((d) => d.day)).toEqual(['2026-01-01', '2026-01-02']);
      const [first, second] = r.days;
      expect(first?.tokens).toEqual({
        visits: 1,
        orders: 5,
        adjustedIn: 40,
        adjustedOut: 0,
        reversed: 0,
        spent: 40,
        refunded: 30,
      });
      expect(first?.points).toEqual({
        orders: 55,
        adjustedIn: 120,
        adjustedOut: 15,
        reversed: 0,
        redeemed: couponPrice,
        refunded: 0,
      });
      expect(first?.redemptions).toEqual({ dashboard: 1, site: 2 });
      expect(second?.tokens).toEqual({
        visits: 1,
        orders: 0,
        adjustedIn: 0,
        adjustedOut: 0,
        reversed: 5,
        spent: 0,
        refunded: 0,
      });
      expect(second?.points.reversed).toBe(55);
      expect(r.channels).toEqual(['dashboard', 'site']);

      const tokensHeld = 1 + 40 + 5 - 10 - 30 + 30 + 1 - 5;
      const pointsHeld = 55 + 120 - 15 - couponPrice - 55;
      expect(r.totals.tokens).toEqual({ issued: 47, redeemed: 10, takenBack: 5, outstanding: tokensHeld });
      expect(r.totals.points).toEqual({
        issued: 175,
        redeemed: couponPrice,
        takenBack: 70,
        outstanding: pointsHeld,
      });
      expect(r.totals.redemptions).toBe(3);
      expect(await t.balance('ann')).toBe(tokensHeld);
      expect(await points()).toBe(pointsHeld);
    });

    it('a window counts only its own days, and owes what was held at its end', async () => {
      const dayTwo = await report({ from: '2026-01-02', to: '2026-01-02' });
      expect(dayTwo.totals.tokens).toEqual({ issued: 1, redeemed: 0, takenBack: 5, outstanding: 32 });
      expect(dayTwo.totals.redemptions).toBe(0);
      const dayOne = await report({ from: '2026-01-01', to: '2026-01-01' });
      expect(dayOne.totals.tokens.outstanding).toBe(36);
      expect(dayOne.totals.points.outstanding).toBe(55 + 120 - 15 - couponPrice);
    });

    it('defaults to the 30 days ending today', async () => {
      const r = await report({});
      expect(r.days).toHaveLength(30);
      expect(r.to).toBe('2026-01-02');
      expect(r.from).toBe('2025-12-04');
      expect(r.totals.tokens.issued).toBe(47);
    });

    it('refuses a bad window and anyone but staff', async () => {
      const backwards = await t.call(
        'dashboard/getProgramReport',
        [{ from: '2026-01-03', to: '2026-01-01' }],
        admin,
      );
      expect(backwards.status).toBe(400);
      expect(backwards.body.error?.code).toBe('VALIDATION');
      const notADate = await t.call('dashboard/getProgramReport', [{ from: '2026-02-30' }], admin);
      expect(notADate.body.error?.code).toBe('VALIDATION');
      const tooLong = await t.call(
        'dashboard/getProgramReport',
        [{ from: '2020-01-01', to: '2026-01-01' }],
        admin,
      );
      expect(tooLong.body.error?.code).toBe('VALIDATION');
      const member = await t.call('dashboard/getProgramReport', [{}], await t.memberToken('ann'));
      expect(member.status).toBe(403);
    });
  });
}

reportSuite('getProgramReport on SQLite', async () => ({}));

describe.skipIf(!TEST_DATABASE_URL)('on PostgreSQL', () => {
  const schemas = freshSchemas('rb_report');
  afterAll(() => schemas.dropAll());
  reportSuite('getProgramReport on PostgreSQL', async () => ({ store: await schemas.store() }));
});
