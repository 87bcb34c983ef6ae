import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setUpProgram } from '../../src/wix/program-setup';
import { CASHBACK, FIVE_OFF, type LoyaltyTestApp, startLoyaltyApp, TEN_PERCENT } from './support';

let app: LoyaltyTestApp;
beforeEach(async () => {
  app = await startLoyaltyApp();
});
afterEach(() => app.close());

describe('loyalty setup', () => {
  it('creates the configured rewards active, once', async () => {
    const { running } = app;
    expect(running.setup.loyaltyRewards).toEqual([
      expect.objectContaining({ name: TEN_PERCENT, kind: 'percentage', costInPoints: 100, active: true }),
      expect.objectContaining({ name: FIVE_OFF, kind: 'fixedAmount', costInPoints: 50, active: true }),
      expect.objectContaining({ name: CASHBACK, kind: 'cashback', costInPoints: 10, active: true }),
    ]);
    const cashback = await running.wix.elevated.rewards.getReward(app.rewardId(CASHBACK));
    expect(cashback).toMatchObject({
      type: 'DISCOUNT_AMOUNT',
      discountAmount: { configsByTier: [{ costInPoints: 10, amount: '1' }] },
    });

    const again = await setUpProgram(running.wix.elevate, running.program);
    expect(again.created).toEqual([]);
    expect(again.loyaltyRewards).toEqual(running.setup.loyaltyRewards);
    const all = await running.wix.elevated.rewards.queryRewards({ cursorPaging: { limit: 100 } });
    expect(all.rewards).toHaveLength(3);
  });

  it('leaves a reward staff turned off alone', async () => {
    const { running } = app;
    const id = app.rewardId(FIVE_OFF);
    const reward = await running.wix.elevated.rewards.getReward(id);
    await running.wix.elevated.rewards.updateReward(id, {
      name: FIVE_OFF,
      revision: reward.revision ?? '',
      active: false,
    });
    const again = await setUpProgram(running.wix.elevate, running.program);
    expect(again.created).toEqual([]);
    expect(again.loyaltyRewards.find((r) => r.name === FIVE_OFF)).toMatchObject({
      rewardId: id,
      active: false,
    });
  });

  it('lists every benefit item (tokens) and loyalty reward (points) in the catalog', async () => {
    const { store } = app.running.deps;
    const tokens = await store.catalog.list({ currency: 'tokens', limit: 100 });
    expect(tokens.items).toHaveLength(app.running.program.items.length);
    expect(tokens.items[0]).toMatchObject({
      currency: 'tokens',
      price: 10,
      benefit: { benefitKey: 'gym10' },
    });
    const points = await store.catalog.list({ currency: 'points', limit: 100 });
    expect(points.items.map((e) => [e.title, e.price])).toEqual([
      [CASHBACK, 10],
      [FIVE_OFF, 50],
      [TEN_PERCENT, 100],
    ]);
    expect(await store.catalog.findByRewardId(app.rewardId(TEN_PERCENT))).toMatchObject({
      reward: { rewardId: app.rewardId(TEN_PERCENT) },
    });
  });
});
