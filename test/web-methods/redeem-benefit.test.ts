import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedemptionView } from '../../backend/views';
import { keyLeaseName } from '../../src/core/idempotency';
import { GYM_ITEMS, startTestApp, type TestApp } from '../support/app';

type Redeemed = { redemption: RedemptionView; replayed: boolean };
type Balance = { active: boolean; balance: number };

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(() => app.close());

const balanceOf = async (token: string) =>
  (await app.call<Balance>('benefits/getMyTokenBalance', [], token)).body.result?.balance;

const redeem = (token: string, externalId: string, idempotencyKey: string, extra: object = {}) =>
  app.call<Redeemed>('benefits/redeemMyBenefit', [{ externalId, idempotencyKey, ...extra }], token);

/** Every Benefit Programs transaction Wix holds for the member's pool. */
async function wixTransactions(memberId: string) {
  const pool = await app.running.deps.benefits.findActivePool(memberId);
  const res = await app.running.wix.elevated.transactions.queryTransactions({
    filter: { 'pool._id': pool?.id ?? '' },
    cursorPaging: { limit: 100 },
  });
  return res.transactions ?? [];
}

describe('redeemMyBenefit', () => {
  it('redeems gym20 once, replays the same key, refuses the key for another request', async () => {
    const ana = await app.member('ana', 25);

    const first = await redeem(ana, GYM_ITEMS.towel, 'key-ana-00001');
    expect(first.status).toBe(200);
    expect(first.body.result?.replayed).toBe(false);
    expect(first.body.result?.redemption).toMatchObject({
      memberId: 'ana',
      status: 'PURCHASED',
      benefitKey: 'gym20',
      price: 20,
      currency: 'tokens',
    });
    expect(await balanceOf(ana)).toBe(5);

    const again = await redeem(ana, GYM_ITEMS.towel, 'key-ana-00001');
    expect(again.status).toBe(200);
    expect(again.body.result?.replayed).toBe(true);
    expect(again.body.result?.redemption).toEqual(first.body.result?.redemption);
    expect(await balanceOf(ana)).toBe(5);

    const other = await redeem(ana, GYM_ITEMS.waterBottle, 'key-ana-00001');
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const admin = await app.adminToken();
    const list = await app.call<{ items: RedemptionView[] }>(
      'dashboard/listRedemptions',
      [{ memberId: 'ana' }],
      admin,
    );
    expect(list.body.result?.items).toHaveLength(1);
    expect(await balanceOf(ana)).toBe(5);
  });

  it('answers a finished key from memory for ten minutes, then from the store again', async () => {
    const ana = await app.member('ana', 45);
    const first = await redeem(ana, GYM_ITEMS.towel, 'key-ana-memory');
    expect(first.body.result?.replayed).toBe(false);
    // The key's row gone from the store: the replay is still the answer it finished with, and nothing runs.
    await app.running.deps.store.idempotency.purgeCompletedBefore(new Date(app.clock.now().getTime() + 1));
    const again = await redeem(ana, GYM_ITEMS.towel, 'key-ana-memory');
    expect(again.body.result).toEqual({ redemption: first.body.result?.redemption, replayed: true });
    const other = await redeem(ana, GYM_ITEMS.waterBottle, 'key-ana-memory');
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await balanceOf(ana)).toBe(25);

    // Ten minutes on, memory has let it go and the store no longer knows the key: the work runs again,
    // with the same Wix key, so Wix spends nothing twice.
    app.clock.advance(10 * 60_000);
    const later = await redeem(ana, GYM_ITEMS.towel, 'key-ana-memory');
    expect(later.body.result?.replayed).toBe(false);
    expect(await balanceOf(ana)).toBe(25);
  });

  it('a replay from the store leaves no lease behind; a mismatch keeps the fence of the key it hit', async () => {
    const gil = await app.member('gil', 45);
    const { store } = app.running.deps;
    const scope = 'site:member:gil';
    const first = await redeem(gil, GYM_ITEMS.towel, 'key-gil-1');
    app.clock.advance(11 * 60_000);
    // Memory let the key go: the store answers, after a claim of the key's lease that must end, not linger.
    const again = await redeem(gil, GYM_ITEMS.towel, 'key-gil-1');
    expect(again.body.result).toEqual({ redemption: first.body.result?.redemption, replayed: true });
    const probe = await store.leases.claim(keyLeaseName(scope, 'key-gil-1'), 'probe', app.clock.now(), 1);
    expect(probe).toEqual({ kind: 'acquired', fence: 1, priorWixCallAt: null });
    // The member's lock, claimed beside the key, was given back: the next redemption runs at once.
    expect((await redeem(gil, GYM_ITEMS.towel, 'key-gil-2')).status).toBe(200);

    // An attempt that died mid-work (fence 1, released): another request under its key is refused, and the
    // key's own retry still sees that an earlier attempt was there (fence above 1, so it resumes).
    const fp = (await import('../../src/core/fingerprint')).fingerprint;
    const request = { memberId: 'gil', externalId: GYM_ITEMS.towel, count: 1 };
    const now = app.clock.now();
    await store.idempotency.open({ scope, key: 'key-gil-3', fingerprint: fp('redeemBenefit', request), now });
    const died = await store.leases.claim(keyLeaseName(scope, 'key-gil-3'), 'died', now, 60_000);
    if (died.kind !== 'acquired') throw new Error('setup: lease not acquired');
    await store.leases.release({ name: keyLeaseName(scope, 'key-gil-3'), owner: 'died', fence: died.fence });
    const other = await redeem(gil, GYM_ITEMS.waterBottle, 'key-gil-3');
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const next = await store.leases.claim(keyLeaseName(scope, 'key-gil-3'), 'probe', app.clock.now(), 1);
    expect(next.kind === 'acquired' && next.fence).toBeGreaterThan(2);
    expect(await balanceOf(gil)).toBe(5);
  });

  it('debits once for 50 concurrent identical requests', async () => {
    const bo = await app.member('bo', 40);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => redeem(bo, GYM_ITEMS.waterBottle, 'same-key-for-all')),
    );
    const ok = results.filter((r) => r.status === 200);
    const busy = results.filter((r) => r.body.error?.code === 'IDEMPOTENCY_KEY_IN_USE');
    expect(ok.length + busy.length).toBe(50);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok.map((r) => r.body.result?.redemption.id)).size).toBe(1);
    for (const r of busy) expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await balanceOf(bo)).toBe(30);
    // A retry after the first finished replays it.
    const retry = await redeem(bo, GYM_ITEMS.waterBottle, 'same-key-for-all');
    expect(retry.body.result?.replayed).toBe(true);
    expect(retry.body.result?.redemption.id).toBe(ok[0]?.body.result?.redemption.id);
  });

  it('never overdraws: 100 concurrent distinct redemptions of 10 on 95 → exactly 9', async () => {
    const cy = await app.member('cy', 95);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => redeem(cy, GYM_ITEMS.waterBottle, `distinct-key-${i}`)),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(9);
    expect(results.filter((r) => r.body.error?.code === 'INSUFFICIENT_BALANCE')).toHaveLength(91);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    expect(await balanceOf(cy)).toBe(5);
    const debits = (await wixTransactions('cy')).filter((t) => t.details?.benefitKey === 'gym10');
    expect(debits).toHaveLength(9);
  });

  it('a retry after Wix committed but our commit never happened debits once, with the original transaction', async () => {
    const di = await app.member('di', 30);
    app.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/benefits/redeem', method: 'POST' });

    const lost = await redeem(di, GYM_ITEMS.towel, 'crash-key-0001');
    expect(lost.status).toBe(503);
    expect(lost.body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(lost.headers.get('retry-after')).toBeTruthy();
    expect(await balanceOf(di)).toBe(10); // Wix did debit

    const retry = await redeem(di, GYM_ITEMS.towel, 'crash-key-0001');
    expect(retry.status).toBe(200);
    expect(await balanceOf(di)).toBe(10); // …once
    const debits = (await wixTransactions('di')).filter((t) => t.details?.benefitKey === 'gym20');
    expect(debits).toHaveLength(1);
    const stored = await app.running.deps.store.redemptions.get(retry.body.result?.redemption.id ?? '');
    expect(stored?.wix.transactionId).toBe(debits[0]?._id);
  });

  it('spends without reading the pool first; when Wix says that pool ended, retries once on the new one', async () => {
    const fay = await app.member('fay', 30);
    expect((await redeem(fay, GYM_ITEMS.waterBottle, 'pool-key-0001')).status).toBe(200);
    // The spend path reads no pool: with pool reads failing, redemptions still go through.
    const faults = app.running.emulator?.faults;
    faults?.add({ kind: 'unavailable', method: 'GET', path: '/benefit-programs/v1/pools/', times: 0 });
    expect((await redeem(fay, GYM_ITEMS.waterBottle, 'pool-key-0002')).status).toBe(200);
    faults?.clear();
    expect(await balanceOf(fay)).toBe(10);

    // Behind the app's back, Wix ends fay's program and she gets another one (a new ACTIVE pool) with 35.
    const { benefits, store } = app.running.deps;
    const first = await store.enrollments.get('fay');
    await benefits.endProgram(first?.programId ?? '');
    await benefits.provisionProgram({
      programDefinitionId: app.running.setup.programDefinitionId,
      memberId: 'fay',
      externalProgramId: 'fay-second-program',
    });
    expect(await balanceOf(fay)).toBe(0);
    const second = await benefits.findActivePool('fay');
    await benefits.changeBalance({
      poolId: second?.id ?? '',
      delta: 35,
      idempotencyKey: 'fay-35',
      reason: 'new',
    });

    const moved = await redeem(fay, GYM_ITEMS.towel, 'pool-key-0003');
    expect(moved.status).toBe(200);
    expect(moved.body.result?.redemption).toMatchObject({ benefitKey: 'gym20', price: 20 });
    expect(await balanceOf(fay)).toBe(15);
    expect((await store.enrollments.get('fay'))?.poolId).toBe(second?.id);
    const stored = await store.redemptions.get(moved.body.result?.redemption.id ?? '');
    expect(stored?.offer).toMatchObject({ poolId: second?.id });
    // The next spend goes straight to the new pool, again without reading it.
    faults?.add({ kind: 'unavailable', method: 'GET', path: '/benefit-programs/v1/pools/', times: 0 });
    expect((await redeem(fay, GYM_ITEMS.waterBottle, 'pool-key-0004')).status).toBe(200);
    faults?.clear();
    expect(await balanceOf(fay)).toBe(5);

    // Her program ends and none follows: no active program, stored as the key's final answer.
    await benefits.endProgram(second ? ((await benefits.getPool(second.id))?.programId ?? '') : '');
    const ended = await redeem(fay, GYM_ITEMS.waterBottle, 'pool-key-0005');
    expect(ended.status).toBe(422);
    expect(ended.body.error).toMatchObject({
      code: 'OFFER_UNAVAILABLE',
      message: 'You have no active rewards program',
    });
    expect((await redeem(fay, GYM_ITEMS.waterBottle, 'pool-key-0005')).body.error?.code).toBe(
      'OFFER_UNAVAILABLE',
    );
  });

  it('an abandoned attempt is IN_USE until its lease expires, then a retry takes it over', async () => {
    const ed = await app.member('ed', 30);
    // A process claimed the key and died before answering.
    const { store } = app.running.deps;
    await store.idempotency.open({
      scope: 'site:member:ed',
      key: 'abandoned-key-1',
      fingerprint: (await import('../../src/core/fingerprint')).fingerprint('redeemBenefit', {
        memberId: 'ed',
        externalId: GYM_ITEMS.towel,
        count: 1,
      }),
      now: app.clock.now(),
    });
    const name = keyLeaseName('site:member:ed', 'abandoned-key-1');
    await store.leases.claim(name, 'a-process-that-died', app.clock.now(), 60_000);
    const busy = await redeem(ed, GYM_ITEMS.towel, 'abandoned-key-1');
    expect(busy.body.error?.code).toBe('IDEMPOTENCY_KEY_IN_USE');
    expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await balanceOf(ed)).toBe(30);

    app.clock.advance(61_000);
    const taken = await redeem(ed, GYM_ITEMS.towel, 'abandoned-key-1');
    expect(taken.status).toBe(200);
    expect(await balanceOf(ed)).toBe(10);
  });
});

describe('who may redeem what', () => {
  it('a member acts only as themselves, whatever the arguments say', async () => {
    const fi = await app.member('fi', 50);
    await app.member('gus', 50);
    for (const extra of [{ memberId: 'gus' }, { poolId: 'anything' }, { beneficiary: { memberId: 'gus' } }]) {
      const res = await redeem(fi, GYM_ITEMS.waterBottle, `extra-${Object.keys(extra)[0]}`, extra);
      expect(res.status).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION');
    }
    const gus = await app.memberToken('gus');
    expect(await balanceOf(gus)).toBe(50);
    expect(await balanceOf(fi)).toBe(50);
  });

  it('visitors are UNAUTHENTICATED, members calling Admin methods FORBIDDEN, forged tokens refused', async () => {
    const hal = await app.member('hal', 20);
    const visitor = await redeem('', GYM_ITEMS.waterBottle, 'visitor-key-1');
    expect(visitor.status).toBe(401);
    expect(visitor.body.error?.code).toBe('UNAUTHENTICATED');

    const forged = await redeem(`${hal.slice(0, -4)}AAAA`, GYM_ITEMS.waterBottle, 'forged-key-01');
    expect(forged.body.error?.code).toBe('UNAUTHENTICATED');

    const asMember = await app.call(
      'dashboard/redeemBenefitForMember',
      [{ memberId: 'hal', externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'member-as-admin' }],
      hal,
    );
    expect(asMember.status).toBe(403);
    expect(asMember.body.error?.code).toBe('FORBIDDEN');

    const adminAsMember = await app.call('benefits/getMyTokenBalance', [], await app.adminToken());
    expect(adminAsMember.body.error?.code).toBe('FORBIDDEN');
    expect(await balanceOf(hal)).toBe(20);
  });

  it('malformed input is VALIDATION and writes nothing', async () => {
    const ivy = await app.member('ivy', 20);
    const cases: unknown[][] = [
      [{ externalId: GYM_ITEMS.waterBottle }], // missing key
      [{ externalId: 'no-such-item', idempotencyKey: 'unknown-item-1' }],
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'negative-count', count: -1 }],
      [{ externalId: 42, idempotencyKey: 'wrong-type-0001' }],
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'fractional-cnt', count: 1.5 }],
      ['not an object'],
      [],
    ];
    for (const args of cases) {
      const res = await app.call('benefits/redeemMyBenefit', args, ivy);
      expect(res.status, JSON.stringify(args)).toBe(400);
      expect(res.body.error?.code).toBe('VALIDATION');
    }
    expect(await balanceOf(ivy)).toBe(20);
    const page = await app.running.deps.store.redemptions.list({ memberId: 'ivy', limit: 10 });
    expect(page.items).toHaveLength(0);
    // The keys were never claimed: they still work for a proper request.
    const proper = await redeem(ivy, GYM_ITEMS.waterBottle, 'unknown-item-1');
    expect(proper.status).toBe(200);
  });
});
