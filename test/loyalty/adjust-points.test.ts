import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoyaltyTestApp, startLoyaltyApp } from './support';

let app: LoyaltyTestApp;
beforeEach(async () => {
  app = await startLoyaltyApp();
});
afterEach(() => app.close());

type Adjustment = {
  memberId: string;
  amount: number;
  balance: number;
  transactionId: string;
  replayed: boolean;
};

const adjust = (memberId: string, amount: number, idempotencyKey: string, reason = 'goodwill') =>
  app.call<Adjustment>('dashboard/adjustPoints', [{ memberId, amount, reason, idempotencyKey }], app.admin);

describe('dashboard adjustPoints', () => {
  it('adds and removes points once per key, never below zero', async () => {
    await app.memberWithPoints('ana', 0);
    const add = await adjust('ana', 40, 'adjust-ana-0001');
    expect(add.body.result).toMatchObject({ memberId: 'ana', amount: 40, balance: 40, replayed: false });
    const replay = await adjust('ana', 40, 'adjust-ana-0001');
    expect(replay.body.result).toEqual({ ...add.body.result, replayed: true });
    expect(await app.pointsOf('ana')).toBe(40);

    const remove = await adjust('ana', -15, 'adjust-ana-0002', 'wrong visit');
    expect(remove.body.result).toMatchObject({ amount: -15, balance: 25 });
    expect((await adjust('ana', -15, 'adjust-ana-0002', 'wrong visit')).body.result?.replayed).toBe(true);
    expect(await app.pointsOf('ana')).toBe(25);

    const tooMuch = await adjust('ana', -26, 'adjust-ana-0003');
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      message: 'Not enough points to remove 26',
      details: { available: 25, requested: 26 },
    });
    expect(await app.pointsOf('ana')).toBe(25);

    expect((await adjust('ana', 5, 'adjust-ana-0002', 'wrong visit')).body.error?.code).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('removes points once when the first answer was lost', async () => {
    await app.memberWithPoints('bo', 50);
    app.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/adjust-points', method: 'POST' });
    const lost = await adjust('bo', -20, 'adjust-bo-0001');
    expect(lost.body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(await app.pointsOf('bo')).toBe(30);
    const retry = await adjust('bo', -20, 'adjust-bo-0001');
    expect(retry.body.result).toMatchObject({ amount: -20, balance: 30, replayed: false });
    expect(await app.pointsOf('bo')).toBe(30);
  });

  it('shows staff adjustments as adjusted, not earned, on the member’s account', async () => {
    const token = await app.memberWithPoints('eli', 0);
    await adjust('eli', 200, 'adjust-eli-0001');
    expect((await adjust('eli', 20, 'adjust-eli-0002')).body.result).toMatchObject({ balance: 220 });
    expect((await adjust('eli', -5, 'adjust-eli-0003')).body.result).toMatchObject({ balance: 215 });
    const account = await app.call('loyalty/getMyLoyaltyAccount', [], token);
    expect(account.body.result).toMatchObject({ balance: 215, earned: 0, adjusted: 215, redeemed: 0 });
  });

  it('adds points once when the first answer was lost', async () => {
    await app.memberWithPoints('cy', 0);
    app.running.emulator?.faults.add({ kind: 'drop-after-commit', path: '/adjust-points', method: 'POST' });
    expect((await adjust('cy', 20, 'adjust-cy-0001')).body.error?.code).toBe('UPSTREAM_UNAVAILABLE');
    const retry = await adjust('cy', 20, 'adjust-cy-0001');
    expect(retry.body.result).toMatchObject({ balance: 20 });
    expect(await app.pointsOf('cy')).toBe(20);
  });

  it('opens the account of a member who has none and rejects bad input', async () => {
    app.addSiteMember('di');
    expect((await adjust('di', 10, 'adjust-di-0001')).body.result).toMatchObject({ balance: 10 });
    for (const args of [
      { memberId: 'di', amount: 0, reason: 'x', idempotencyKey: 'adjust-di-0002' },
      { memberId: 'di', amount: 1.5, reason: 'x', idempotencyKey: 'adjust-di-0003' },
      { memberId: 'di', amount: '5', reason: 'x', idempotencyKey: 'adjust-di-0004' },
      { memberId: 'di', amount: 5, reason: '', idempotencyKey: 'adjust-di-0005' },
      { memberId: 'di', amount: 5, reason: 'x' },
      { memberId: 'di', amount: 5, reason: 'x', idempotencyKey: 'adjust-di-0006', accountId: 'a' },
    ]) {
      const res = await app.call('dashboard/adjustPoints', [args], app.admin);
      expect({ args, code: res.body.error?.code }).toEqual({ args, code: 'VALIDATION' });
    }
    expect((await adjust('nobody', 10, 'adjust-nobody-0001')).body.error?.code).toBe('NOT_FOUND');
    expect(await app.pointsOf('di')).toBe(10);
  });
});
