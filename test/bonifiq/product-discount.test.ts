import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIVE_OFF, type PosTestApp, startPosApp } from './support';

// BonifiQ product-discount rewards (partner-apis.md §2.5: RewardType 5, ProductDiscountMode, one unit per
// redeem as its own line; the PoS prices it) and the dedicated RewardConfigurations/{id}/product-discount/redeem.

/** The sample program plus two product rewards. */
function programWithProducts(): string {
  const program = JSON.parse(readFileSync('config/gym-program.json', 'utf8')) as {
    loyaltyRewards: unknown[];
  };
  program.loyaltyRewards.push(
    {
      kind: 'productDiscount',
      name: 'Free water bottle',
      costInPoints: 30,
      product: { externalId: 'sku-water', name: 'Water bottle', mode: 'freeGift', value: 0 },
    },
    {
      kind: 'productDiscount',
      name: 'Shoes 20% off',
      costInPoints: 80,
      product: { externalId: 'sku-shoes', name: 'Running shoes', mode: 'percent', value: 20 },
    },
  );
  const file = join(mkdtempSync(join(tmpdir(), 'rb-products-')), 'program.json');
  writeFileSync(file, JSON.stringify(program));
  return file;
}

describe('BonifiQ product-discount rewards (RewardType 5)', () => {
  let t: PosTestApp;
  let ana: { email: string; document: string };
  beforeEach(async () => {
    t = await startPosApp({ env: { PROGRAM_CONFIG: programWithProducts() } });
    ana = await t.customer('ana', 100);
  });
  afterEach(() => t.close());

  it('lists them with their product; a redeem debits the points once and names the product; the order links it', async () => {
    const available = await t.pos.available(ana.document, 200);
    const water = available.body.Rewards.find((r) => r.Title === 'Free water bottle');
    const shoes = available.body.Rewards.find((r) => r.Title === 'Shoes 20% off');
    expect(water).toMatchObject({
      RewardType: 5,
      Points: 30,
      CanUse: true,
      IsCashback: false,
      ExternalProductId: 'sku-water',
      ProductDisplayName: 'Water bottle',
      ProductDiscountMode: 2,
      ProductDiscountValue: 0,
      ProductMaxUnitsPerRedeem: 1,
    });
    expect(shoes).toMatchObject({
      RewardType: 5,
      Points: 80,
      CanUse: true,
      ProductDiscountMode: 0,
      ProductDiscountValue: 20,
    });

    const body = { CustomerId: ana.document, OriginalKey: 'water-1', RedeemOrigin: 5 };
    const redeemed = await t.pos.redeem(water?.Id ?? 0, body);
    expect(redeemed.body).toMatchObject({
      Code: '00',
      Result: { ExternalProductId: 'sku-water', Coupon: null, Point: { Quantity: -30 } },
    });
    expect(await t.pointsOf('ana')).toBe(70);
    const retry = await t.pos.redeem(water?.Id ?? 0, body);
    expect(retry.body).toEqual(redeemed.body);
    expect(await t.pointsOf('ana')).toBe(70);

    // Not enough points left for the shoes now.
    const after = await t.pos.available(ana.document, 200);
    expect(after.body.Rewards.find((r) => r.Title === 'Shoes 20% off')).toMatchObject({
      CanUse: false,
      CannotUseReason: 1,
    });

    const placed = await t.pos.addOrder({
      OriginalId: 'sale-w',
      IsCompleted: true,
      OrderTotal: 20,
      Coupon: redeemed.body.Result?.ExternalCode ?? null,
      Customer: { Document: ana.document },
    });
    expect(placed.body.Code).toBe('00');
    const redemption = await t.running.deps.store.redemptions.findByExternalCode(
      redeemed.body.Result?.ExternalCode ?? '',
    );
    expect(redemption?.status).toBe('COMPLETED');
  });

  it('RewardConfigurations/{id}/product-discount/redeem: product rewards only, never as a coupon; cancel refunds', async () => {
    const available = await t.pos.available(ana.email, 200);
    const water = available.body.Rewards.find((r) => r.Title === 'Free water bottle')?.Id ?? 0;
    const fiveOff = available.body.Rewards.find((r) => r.Title === FIVE_OFF)?.Id ?? 0;
    const path = (id: number) => `/v1/pvt/RewardConfigurations/${id}/product-discount/redeem`;

    const redeemed = await t.pos.raw<{
      Code: string;
      Result: { RewardId: number; ExternalProductId: string };
    }>('POST', path(water), { CustomerId: ana.email, OriginalKey: 'rc-1' });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body).toMatchObject({ Code: '00', Result: { ExternalProductId: 'sku-water' } });
    expect(await t.pointsOf('ana')).toBe(70);

    const notProduct = await t.pos.raw('POST', path(fiveOff), { CustomerId: ana.email, OriginalKey: 'rc-2' });
    expect(notProduct.status).toBe(422);
    expect(notProduct.body).toMatchObject({ Code: '05', CodeName: 'RewardNotAvailable' });
    const asCoupon = await t.pos.raw('POST', path(water), {
      CustomerId: ana.email,
      OriginalKey: 'rc-3',
      ForceGenerateCoupon: true,
    });
    expect(asCoupon.status).toBe(400);
    const unknown = await t.pos.raw('POST', path(9999), { CustomerId: ana.email, OriginalKey: 'rc-4' });
    expect(unknown.body).toMatchObject({ Code: '03', CodeName: 'RewardNotFound' });
    expect(await t.pointsOf('ana')).toBe(70);

    const canceled = await t.pos.cancelReward(redeemed.body.Result.RewardId);
    expect(canceled.body).toMatchObject({ Code: '00', Result: { IsCanceled: true, CashValue: null } });
    expect(await t.pointsOf('ana')).toBe(100);
  });
});
