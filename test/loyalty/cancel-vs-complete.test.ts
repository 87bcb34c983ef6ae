import { afterEach, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import { type ExpysTestApp, startExpysApp } from '../expys/support';
import type { TestApp } from '../support/app';
import { joined, order, startWebhookApp, type WebhookTestApp } from '../webhooks/support';

// A cancel refunds through Wix (slowed here) while another surface completes the same redemption. Whoever
// wins, a redemption ends COMPLETED with nothing refunded, or CANCELED refunded exactly once — never both.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Completion attempts land at these offsets into the cancel, i.e. while its refund is slowed. */
const OFFSETS_MS = [150, 400, 800];

let app: TestApp | undefined;
afterEach(() => app?.close());

async function loyaltyOf(t: TestApp, memberId: string) {
  const sdk = t.running.wix.elevated;
  const account = (await sdk.accounts.getAccountBySecondaryId({ memberId })).account;
  const txs = await sdk.loyaltyTransactions
    .queryLoyaltyTransactions()
    .eq('accountId', account?._id)
    .limit(100)
    .find();
  return {
    points: account?.points?.balance ?? 0,
    refunds: txs.items.filter((t) => t.description?.startsWith('Refund')).length,
  };
}

/** Cancels from the dashboard with the refund's credit slowed, completing meanwhile; checks the invariant. */
async function race(
  t: TestApp,
  memberId: string,
  redemptionId: string,
  complete: (i: number) => Promise<unknown>,
) {
  const before = await loyaltyOf(t, memberId);
  t.running.emulator?.faults.add({ kind: 'latency', ms: 1500, path: '/earn-points', method: 'POST' });
  const cancel = t.call<RedemptionView>(
    'dashboard/cancelRedemption',
    [{ redemptionId, reason: 'customer changed their mind' }],
    await t.adminToken(),
  );
  const completions = OFFSETS_MS.map(async (ms, i) => {
    await sleep(ms);
    return complete(i);
  });
  await Promise.all([cancel, ...completions]);

  const status = (await t.running.deps.store.redemptions.get(redemptionId))?.status;
  const after = await loyaltyOf(t, memberId);
  expect(['COMPLETED', 'CANCELED']).toContain(status);
  if (status === 'COMPLETED') expect(after).toEqual(before);
  else expect(after).toEqual({ points: before.points + 100, refunds: before.refunds + 1 });
}

describe('cancel racing completion', () => {
  async function couponBought(t: WebhookTestApp, memberId: string, key: string) {
    const admin = await t.adminToken();
    const given = { memberId, amount: 100, reason: 'test', idempotencyKey: `${key}-points` };
    expect((await t.call('dashboard/adjustPoints', [given], admin)).status).toBe(200);
    const rewardId = t.running.setup.loyaltyRewards.find((r) => r.name === '10% off')?.rewardId;
    const bought = await t.call<{ redemption: RedemptionView }>(
      'loyalty/redeemMyPointsForCoupon',
      [{ rewardId, idempotencyKey: key }],
      await t.memberToken(memberId),
    );
    const redemption = bought.body.result?.redemption;
    if (!redemption) throw new Error(JSON.stringify(bought.body));
    return redemption;
  }

  it('dashboard updateRedemptionStatus and an order carrying the coupon code', async () => {
    const t = await startWebhookApp();
    app = t;
    t.addSiteMember('gil');
    await t.send('members', joined('gil', t.clock.now()));
    const admin = await t.adminToken();

    const staff = await couponBought(t, 'gil', 'gil-coupon-1');
    await race(t, 'gil', staff.id, () =>
      t.call('dashboard/updateRedemptionStatus', [{ redemptionId: staff.id, status: 'COMPLETED' }], admin),
    );

    const ordered = await couponBought(t, 'gil', 'gil-coupon-2');
    await race(t, 'gil', ordered.id, (i) =>
      t.send(
        'orders',
        order('order.paid', `o-${i}`, 'gil', '40', t.clock.now(), { couponCode: ordered.couponCode }),
      ),
    );
  }, 60_000);

  it('the Expys status route', async () => {
    const t: ExpysTestApp = await startExpysApp();
    app = t;
    const server = t.client(await t.integration('acme'));
    const kim = await t.user(server, 'kim');
    await server.creditWallet({ externalUserID: 'kim', amount: 100 }, 'kim-credit');
    const offer = (await kim.listOffers()).data.data.find((o) => o.title === '10% off');
    if (!offer) throw new Error('no 10% off offer');
    const { id } = (await kim.createRedemption({ offer: offer.id }, 'kim-booking')).data;
    for (const status of ['OPEN', 'PURCHASED']) {
      expect((await server.setRedemptionStatus(id, { status })).status).toBe(200);
    }
    await race(t, 'm-kim', id, () => server.setRedemptionStatus(id, { status: 'COMPLETED' }));
  }, 60_000);
});
