import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import type { EligibleBenefits } from '../../src/core/benefits/list-eligible-benefits';
import { GYM_ITEMS, startTestApp, type TestApp } from '../support/app';

type Redeemed = { redemption: RedemptionView; replayed: boolean };
type Page = { items: RedemptionView[]; nextCursor: string | null };

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await startTestApp();
  admin = await app.adminToken();
});
afterEach(() => app.close());

const balanceOf = async (token: string) =>
  (await app.call<{ balance: number }>('benefits/getMyTokenBalance', [], token)).body.result?.balance;

async function redeemAs(token: string, externalId: string, key: string) {
  const res = await app.call<Redeemed>(
    'benefits/redeemMyBenefit',
    [{ externalId, idempotencyKey: key }],
    token,
  );
  if (!res.body.result) throw new Error(JSON.stringify(res.body));
  return res.body.result.redemption;
}

describe('cancelRedemption', () => {
  it('refunds exactly once; a second cancel returns the same canceled redemption', async () => {
    const ann = await app.member('ann', 30);
    const redemption = await redeemAs(ann, GYM_ITEMS.towel, 'cancel-me-0001');
    expect(await balanceOf(ann)).toBe(10);

    const first = await app.call<RedemptionView>(
      'dashboard/cancelRedemption',
      [{ redemptionId: redemption.id, reason: 'MEMBER_REQUESTED' }],
      admin,
    );
    expect(first.status).toBe(200);
    expect(first.body.result).toMatchObject({ status: 'CANCELED', canceledReason: 'MEMBER_REQUESTED' });
    expect(await balanceOf(ann)).toBe(30);

    const second = await app.call<RedemptionView>(
      'dashboard/cancelRedemption',
      [{ redemptionId: redemption.id, reason: 'MEMBER_REQUESTED' }],
      admin,
    );
    expect(second.body.result).toEqual(first.body.result);
    expect(await balanceOf(ann)).toBe(30);
    const events = await app.running.deps.store.redemptions.events(redemption.id);
    expect(events.map((e) => e.status)).toEqual(['PURCHASED', 'CANCELED']);
  });

  it('concurrent cancels refund once', async () => {
    const ben = await app.member('ben', 30);
    const redemption = await redeemAs(ben, GYM_ITEMS.hoodie, 'cancel-race-01');
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        app.call('dashboard/cancelRedemption', [{ redemptionId: redemption.id, reason: 'OTHER' }], admin),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await balanceOf(ben)).toBe(30);
  });

  it('an unknown redemption is NOT_FOUND', async () => {
    const res = await app.call(
      'dashboard/cancelRedemption',
      [{ redemptionId: 'rdm_nope', reason: 'x' }],
      admin,
    );
    expect(res.body.error?.code).toBe('NOT_FOUND');
  });
});

describe('listRedemptions', () => {
  it('pages newest first and filters by member and status', async () => {
    const cat = await app.member('cat', 100);
    const dan = await app.member('dan', 100);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      app.clock.advance(1000);
      ids.push((await redeemAs(cat, GYM_ITEMS.waterBottle, `cat-list-key-${i}`)).id);
    }
    await redeemAs(dan, GYM_ITEMS.waterBottle, 'dan-list-key-0');
    await app.call('dashboard/cancelRedemption', [{ redemptionId: ids[0], reason: 'OTHER' }], admin);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { result?: Page } } = await app.call<Page>(
        'dashboard/listRedemptions',
        [{ memberId: 'cat', limit: 2, cursor }],
        admin,
      );
      seen.push(...(res.body.result?.items.map((r) => r.id) ?? []));
      cursor = res.body.result?.nextCursor ?? null;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const canceled = await app.call<Page>('dashboard/listRedemptions', [{ status: 'CANCELED' }], admin);
    expect(canceled.body.result?.items.map((r) => r.id)).toEqual([ids[0]]);
    const bad = await app.call('dashboard/listRedemptions', [{ limit: 1000 }], admin);
    expect(bad.body.error?.code).toBe('VALIDATION');
  });
});

describe('members from the dashboard', () => {
  it('enrolls a site member once, however often it is asked', async () => {
    app.addSiteMember('eve');
    const first = await app.call<{ programId: string }>(
      'dashboard/enrollMember',
      [{ memberId: 'eve' }],
      admin,
    );
    const second = await app.call<{ programId: string }>(
      'dashboard/enrollMember',
      [{ memberId: 'eve' }],
      admin,
    );
    expect(first.status).toBe(200);
    expect(second.body.result?.programId).toBe(first.body.result?.programId);
    const programs = await app.running.wix.elevated.programs.queryPrograms({
      filter: { externalId: `${app.running.setup.programDefinitionId}_eve` },
    });
    expect(programs.programs).toHaveLength(1);
    expect(programs.programs?.[0]?._id).toBe(first.body.result?.programId);

    const unknown = await app.call('dashboard/enrollMember', [{ memberId: 'nobody' }], admin);
    expect(unknown.body.error?.code).toBe('NOT_FOUND');
  });

  it('adjusts tokens once per key, never below zero, and shows the overview', async () => {
    const fay = await app.member('fay');
    const add = { memberId: 'fay', amount: 12, reason: 'goodwill', idempotencyKey: 'adjust-fay-01' };
    expect((await app.call('dashboard/adjustTokens', [add], admin)).status).toBe(200);
    expect((await app.call('dashboard/adjustTokens', [add], admin)).body).toMatchObject({
      result: { replayed: true },
    });
    expect(await balanceOf(fay)).toBe(12);

    const tooMuch = await app.call(
      'dashboard/adjustTokens',
      [{ memberId: 'fay', amount: -13, reason: 'oops', idempotencyKey: 'adjust-fay-02' }],
      admin,
    );
    expect(tooMuch.body.error?.code).toBe('INSUFFICIENT_BALANCE');
    expect(await balanceOf(fay)).toBe(12);

    await redeemAs(fay, GYM_ITEMS.waterBottle, 'fay-redeem-0001');
    const overview = await app.call<{
      tokenBalance: number;
      programStatus: string;
      recentRedemptions: unknown[];
    }>('dashboard/getMemberOverview', [{ memberId: 'fay' }], admin);
    expect(overview.body.result).toMatchObject({ tokenBalance: 2, programStatus: 'ACTIVE' });
    expect(overview.body.result?.recentRedemptions).toHaveLength(1);
  });

  it('adjusting tokens of a member who does not exist is NOT_FOUND, also on a retry of the key', async () => {
    const ghost = { memberId: 'nobody', amount: 5, reason: 'goodwill', idempotencyKey: 'adjust-nobody-1' };
    const first = await app.call('dashboard/adjustTokens', [ghost], admin);
    expect(first.status).toBe(404);
    expect(first.body.error?.code).toBe('NOT_FOUND');
    const again = await app.call('dashboard/adjustTokens', [ghost], admin);
    expect(again.body.error?.code).toBe('NOT_FOUND');

    // A site member who exists but has no program still hears that the program is not running.
    app.addSiteMember('hal');
    const notEnrolled = await app.call(
      'dashboard/adjustTokens',
      [{ memberId: 'hal', amount: 5, reason: 'goodwill', idempotencyKey: 'adjust-hal-01' }],
      admin,
    );
    expect(notEnrolled.body.error?.code).toBe('OFFER_UNAVAILABLE');
  });

  it('an admin redeems for a named member', async () => {
    const gil = await app.member('gil', 20);
    const res = await app.call<Redeemed>(
      'dashboard/redeemBenefitForMember',
      [{ memberId: 'gil', externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'admin-for-gil-1' }],
      admin,
    );
    expect(res.body.result?.redemption).toMatchObject({ memberId: 'gil', channel: 'dashboard' });
    expect(await balanceOf(gil)).toBe(10);
  });
});

describe('getMyEligibleBenefits', () => {
  it('shows which merchandise the tokens can buy', async () => {
    const hua = await app.member('hua', 20);
    const res = await app.call<EligibleBenefits>('benefits/getMyEligibleBenefits', [], hua);
    const byItem = new Map(res.body.result?.items.map((i) => [i.externalId, i]));
    expect(res.body.result?.balance).toBe(20);
    expect(byItem.get(GYM_ITEMS.waterBottle)?.affordable).toBe(true);
    expect(byItem.get(GYM_ITEMS.towel)?.affordable).toBe(true);
    expect(byItem.get(GYM_ITEMS.hoodie)).toMatchObject({
      affordable: false,
      reason: 'NOT_ENOUGH_BALANCE',
      price: 30,
    });

    app.addSiteMember('ida');
    const notEnrolled = await app.call<EligibleBenefits>(
      'benefits/getMyEligibleBenefits',
      [],
      await app.memberToken('ida'),
    );
    expect(notEnrolled.body.result).toEqual({ active: false, balance: 0, items: [] });
  });
});
