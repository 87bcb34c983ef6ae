import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import type { Currency } from '../../src/core/redemption';
import { addExpysIntegration } from '../../src/partners/expys/keys';
import { FIVE_OFF, type PosTestApp, startPosApp } from '../bonifiq/support';
import { ExpysClient } from '../expys/client';
import { GYM_ITEMS } from '../support/app';

/** Every redemption id, whichever way it was made: random or derived from a key, one shape. */
const REDEMPTION_ID = /^rdm_[0-9a-f]{32}$/;

describe('redemption ids', () => {
  let t: PosTestApp;
  let admin: string;
  const made: { path: string; id: string | undefined }[] = [];

  beforeAll(async () => {
    t = await startPosApp({ env: { EXPYS_SANDBOX_STORAGE: 'memory', EXPYS_RATE_LIMIT_PER_MINUTE: '0' } });
    admin = await t.adminToken();
    await customerWithTokens('ana', 500, 30);
  });
  afterAll(() => t.close());

  const customerWithTokens = async (memberId: string, points: number, amount: number) => {
    await t.customer(memberId, points);
    const tokens = await t.call(
      'dashboard/adjustTokens',
      [{ memberId, amount, reason: 'test setup', idempotencyKey: `setup-tokens-${memberId}` }],
      admin,
    );
    expect(tokens.status).toBe(200);
  };

  const expysMember = async (name: string, currency: Currency) => {
    const { key } = await addExpysIntegration(t.running.deps, { name, environment: 'live', currency });
    const client = (token: string) =>
      new ExpysClient({
        baseUrl: 'http://rewards.local/expys',
        token,
        fetch: async (url, init) => t.running.app.request(url, init),
      });
    const server = client(key);
    expect((await server.setMember(`u-${name}`, { attributes: { wixMemberId: 'ana' } })).status).toBe(200);
    const grant = await server.exchange({ externalUserID: `u-${name}` });
    return client(grant.data.accessToken);
  };

  it('have one format on every path: site benefit and coupon, point of sale, Expys tokens and points', async () => {
    const member = await t.memberToken('ana');
    type Made = { redemption: RedemptionView };
    const benefit = await t.call<Made>(
      'benefits/redeemMyBenefit',
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'ids-benefit-0001' }],
      member,
    );
    made.push({ path: 'site benefit', id: benefit.body.result?.redemption.id });
    const fiveOff = t.running.setup.loyaltyRewards.find((r) => r.name === FIVE_OFF)?.rewardId ?? '';
    const coupon = await t.call<Made>(
      'loyalty/redeemMyPointsForCoupon',
      [{ rewardId: fiveOff, idempotencyKey: 'ids-coupon-0001' }],
      member,
    );
    made.push({ path: 'site coupon', id: coupon.body.result?.redemption.id });

    const customer = (await t.customer('bea', 200)).document;
    const counter = await t.pos.redeem(await t.rewardNumber(customer, FIVE_OFF), {
      CustomerId: customer,
      OriginalKey: 'ids-pos-0001',
      RedeemOrigin: 5,
    });
    expect(counter.body.HasError).toBe(false);

    for (const currency of ['tokens', 'points'] as const) {
      const expys = await expysMember(`acme-${currency}`, currency);
      // The last offer: the member already holds a coupon of the first (one booking per member and offer).
      const offer = (await expys.listOffers({ available: true })).data.data.at(-1);
      const booked = await expys.createRedemption({ offer: offer?.id ?? '' }, `ids-expys-${currency}`);
      expect(booked.status).toBe(201);
      made.push({ path: `expys ${currency}`, id: booked.data.id });
    }

    const listed = await t.call<{ items: RedemptionView[] }>('dashboard/listRedemptions', [{}], admin);
    const stored = listed.body.result?.items ?? [];
    expect(stored.map((r) => r.channel).sort()).toEqual([
      'acme-points',
      'acme-tokens',
      'loja',
      'site',
      'site',
    ]);
    made.push(...stored.map((r) => ({ path: `stored ${r.channel}`, id: r.id })));
    for (const { path, id } of made)
      expect({ path, id }).toEqual({ path, id: expect.stringMatching(REDEMPTION_ID) });
  });

  it('made one after another sort in the order they were made', async () => {
    await customerWithTokens('cam', 0, 40);
    const member = await t.memberToken('cam');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      // A millisecond apart at least: ids order by the millisecond they were made in.
      await new Promise((resolve) => setTimeout(resolve, 2));
      const made = await t.call<{ redemption: RedemptionView }>(
        'benefits/redeemMyBenefit',
        [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: `ids-order-000${i}` }],
        member,
      );
      expect(made.status).toBe(200);
      ids.push(made.body.result?.redemption.id ?? '');
    }
    expect(ids.every((id) => REDEMPTION_ID.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(4);
  });
});
