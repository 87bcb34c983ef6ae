import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renewSweep } from '../../src/core/lifecycle/renew-sweep';
import { GYM_ITEMS } from '../support/app';
import { DAY, joined, startWebhookApp, visit, type WebhookTestApp } from './support';

describe('the gym story (seed 002), through webhooks, web methods and the renew sweep', () => {
  let t: WebhookTestApp;
  beforeEach(async () => {
    t = await startWebhookApp();
  });
  afterEach(() => t.close());

  const renew = () => renewSweep(t.running.deps, t.running.program.lifecycle);
  const visitOn = async (memberId: string) => {
    t.clock.advance(DAY);
    return t.send('gym-visits', visit(memberId, t.clock.now()));
  };

  it('join → 12 visits → redeem gym10 → renew rolls 2 over → 7 visits → cap 5 → ends after 12 months', async () => {
    const joinedAt = t.clock.now();
    t.addSiteMember('ana');
    const join = await t.send('members', joined('ana', joinedAt));
    expect(join.status).toBe(200);
    expect(join.body).toMatchObject({ outcome: 'enrolled', duplicate: false });

    for (let day = 1; day <= 12; day++) {
      const res = await visitOn('ana');
      expect(res.body).toMatchObject({ outcome: 'token_issued', duplicate: false });
    }
    expect(await t.balance('ana')).toBe(12);

    const redeemed = await t.call(
      'benefits/redeemMyBenefit',
      [{ externalId: GYM_ITEMS.waterBottle, idempotencyKey: 'ana-bottle' }],
      await t.memberToken('ana'),
    );
    expect(redeemed.status).toBe(200);
    expect(await t.balance('ana')).toBe(2);

    t.clock.set(new Date(Date.UTC(2026, 1, 1, 9, 0, 0)));
    expect(await renew()).toMatchObject({ renewed: 1, ended: 0 });
    expect(await renew()).toMatchObject({ renewed: 0 });
    expect(await t.balance('ana')).toBe(2);

    for (let day = 1; day <= 7; day++) await visitOn('ana');
    expect(await t.balance('ana')).toBe(9);

    t.clock.set(new Date(Date.UTC(2026, 2, 1, 9, 0, 0)));
    await renew();
    expect(await t.balance('ana')).toBe(5);

    // Months pass with more visits than the cap; the sweep catches up every missed month.
    for (let month = 3; month < 12; month++) {
      t.clock.set(new Date(Date.UTC(2026, month, 1, 9, 0, 0)));
      await renew();
      expect(await t.balance('ana')).toBeLessThanOrEqual(5);
      for (let day = 1; day <= 8; day++) await visitOn('ana');
    }
    expect(await t.balance('ana')).toBe(13);

    t.clock.set(new Date(joinedAt.getTime() + 365 * DAY));
    expect(await renew()).toMatchObject({ ended: 1 });
    const after = await visitOn('ana');
    expect(after.body).toMatchObject({ outcome: 'no_active_pool', duplicate: false });
    const balance = await t.call<{ active: boolean }>(
      'benefits/getMyTokenBalance',
      [],
      await t.memberToken('ana'),
    );
    expect(balance.body.result?.active).toBe(false);
  });
});
