import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASHBACK, FIVE_OFF, type PosTestApp, startPosApp, TEN_PERCENT } from './support';

// BonifiQ's PoS flow (partner-apis.md §2.3): available → redeem with an OriginalKey → order with
// Coupon = ExternalCode; on abort, cancel the reward. Through HTTP, the real SDK against the local Wix.

describe('BonifiQ PoS flow at /bonifiq', () => {
  let t: PosTestApp;
  beforeEach(async () => {
    t = await startPosApp();
  });
  afterEach(() => t.close());

  it('available: every reward with CanUse right for a rich and a poor customer', async () => {
    const rich = await t.customer('ana', 500);
    const poor = await t.customer('bia', 20);

    const forRich = await t.pos.available(rich.email, 120);
    expect(forRich.status).toBe(200);
    expect(forRich.body).toMatchObject({
      Customer: { OriginalId: 'ana', Email: rich.email, IsEnrolled: true },
      HasRewards: true,
      AvailablePoints: 500,
      CashbackEnabled: true,
      AvailableCashback: 50,
      MaxCashbackForCurrentPurchase: 50,
      ShouldValidateCustomer: false,
    });
    expect(forRich.body.ErrorMessage).toBeUndefined(); // a bare object, not an envelope
    const byTitle = Object.fromEntries(forRich.body.Rewards.map((r) => [r.Title, r]));
    expect(byTitle[FIVE_OFF]).toMatchObject({
      RewardType: 1,
      Value: 5,
      Points: 50,
      CanUse: true,
      CannotUseReason: 0,
    });
    expect(byTitle[TEN_PERCENT]).toMatchObject({ RewardType: 0, Value: 10, Points: 100, CanUse: true });
    expect(byTitle[CASHBACK]).toMatchObject({
      RewardType: 3,
      IsCashback: true,
      CanSelectValue: true,
      Value: 1,
      Points: 10,
      CanUse: true,
      MaxCashbackForCurrentPurchase: 50,
    });
    for (const reward of forRich.body.Rewards) expect(Number.isInteger(reward.Id)).toBe(true);

    // The poor customer, by CPF: the coupon rewards are listed but cannot be used; 20 points = 2.00 cashback.
    const forPoor = await t.pos.available(poor.document, 120);
    expect(forPoor.body).toMatchObject({ AvailablePoints: 20, AvailableCashback: 2, HasRewards: true });
    const poorByTitle = Object.fromEntries(forPoor.body.Rewards.map((r) => [r.Title, r]));
    expect(poorByTitle[FIVE_OFF]).toMatchObject({ CanUse: false, CannotUseReason: 1 });
    expect(poorByTitle[TEN_PERCENT]).toMatchObject({ CanUse: false, CannotUseReason: 1 });
    expect(poorByTitle[CASHBACK]).toMatchObject({ CanUse: true, MaxCashbackForCurrentPurchase: 2 });
    // The ids are the same for everyone.
    expect(poorByTitle[FIVE_OFF]?.Id).toBe(byTitle[FIVE_OFF]?.Id);

    // A fixed discount larger than what is left to pay cannot be used on this cart.
    const small = await t.pos.available(rich.email, 4);
    expect(small.body.Rewards.find((r) => r.Title === FIVE_OFF)).toMatchObject({
      CanUse: false,
      CannotUseReason: 5,
    });
    expect(small.body.MaxCashbackForCurrentPurchase).toBe(4);
  });

  it('redeem → retry → order twice → cancel a second reward: one debit, points earned once, refunded once', async () => {
    const ana = await t.customer('ana', 500);
    const fiveOff = await t.rewardNumber(ana.email, FIVE_OFF);
    const tenPercent = await t.rewardNumber(ana.email, TEN_PERCENT);
    const body = {
      CustomerId: ana.document,
      OriginalKey: `${fiveOff}-ana-sale1-5`,
      Metadatas: [{ Name: 'PurchaseId', Value: 'sale-1' }],
      RedeemOrigin: 5,
      Branch: { OriginalId: 'b1', Name: 'Centro' },
    };

    const first = await t.pos.redeem(fiveOff, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      HasError: false,
      HasWarning: false,
      Severity: 0,
      Code: '00',
      CodeName: 'RewardRedeemed',
      ErrorMessage: null,
      Result: { OriginalKey: body.OriginalKey, Coupon: null, Point: { Quantity: -50 } },
    });
    const result = first.body.Result;
    expect(result?.ExternalCode).toMatch(/^BQ-[A-Z0-9]{8}$/);
    expect(Number.isInteger(result?.RewardId)).toBe(true);
    expect(await t.pointsOf('ana')).toBe(450);

    // The PoS lost the answer and retries: the same result, one debit.
    const retry = await t.pos.redeem(fiveOff, body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await t.pointsOf('ana')).toBe(450);

    // The same key for another request is refused, and changes nothing.
    const reused = await t.pos.redeem(tenPercent, body);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({
      HasError: true,
      Severity: 2,
      Code: '08',
      CodeName: 'OriginalKeyReused',
    });
    expect(await t.pointsOf('ana')).toBe(450);

    // The order carries the ExternalCode: the redemption completes, the order earns its points once.
    const order = {
      OriginalId: 'sale-1',
      OrderPlacementDate: t.clock.now().toISOString(),
      OrderCompletedDate: t.clock.now().toISOString(),
      OrderStatus: 'Pago',
      IsCompleted: true,
      IsCancelledOrReturned: false,
      OrderTotal: 115,
      Coupon: result?.ExternalCode ?? '',
      Customer: {
        OriginalId: 'c-ana',
        Name: 'Ana',
        Email: ana.email,
        Document: ana.document,
        IsEnrolled: true,
      },
      Products: [{ OriginalId: 'p1', Title: 'Shoes', ProductPrice: 120, IsActive: true }],
    };
    const placed = await t.pos.addOrder(order);
    expect(placed.body).toMatchObject({
      Code: '00',
      CodeName: 'OrderRegistered',
      Severity: 0,
      Result: {
        OriginalId: 'sale-1',
        State: 2,
        EstimatedBonus: { GenerateBonus: true, EstimatedPoints: 115 },
      },
    });
    expect(await t.pointsOf('ana')).toBe(565);
    const redemption = await t.running.deps.store.redemptions.findByExternalCode(result?.ExternalCode ?? '');
    expect(redemption?.status).toBe('COMPLETED');

    const again = await t.pos.addOrder(order);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      Code: '03',
      CodeName: 'OrderAlreadyRegistered',
      Severity: 1,
      HasWarning: true,
      HasError: false,
    });
    expect(await t.pointsOf('ana')).toBe(565);
    // A used reward cannot be canceled any more.
    const late = await t.pos.cancelReward(result?.RewardId ?? 0);
    expect(late.body).toMatchObject({ HasError: true, Code: '05', CodeName: 'RewardCannotBeCanceled' });
    expect(await t.pointsOf('ana')).toBe(565);

    // A second purchase: its reward is canceled (cart edited): the points come back once.
    const second = await t.pos.redeem(tenPercent, {
      CustomerId: ana.email,
      OriginalKey: 'ana-sale2-10pct',
      Metadatas: [{ Name: 'PurchaseId', Value: 'sale-2' }],
    });
    expect(second.body.Code).toBe('00');
    expect(await t.pointsOf('ana')).toBe(465);
    const rewardId = second.body.Result?.RewardId ?? 0;
    const canceled = await t.pos.cancelReward(rewardId);
    expect(canceled.body).toMatchObject({
      Code: '00',
      CodeName: 'RewardCanceled',
      Result: {
        Id: rewardId,
        IsCanceled: true,
        ExternalCode: second.body.Result?.ExternalCode,
        Points: { Points: 100 },
      },
    });
    expect(await t.pointsOf('ana')).toBe(565);
    const twice = await Promise.all([
      t.pos.cancelReward(rewardId),
      t.pos.cancelRewardByKey('ana-sale2-10pct'),
    ]);
    for (const reply of twice) {
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        Code: '04',
        CodeName: 'RewardAlreadyCanceled',
        Severity: 1,
        Result: { IsCanceled: true },
      });
    }
    expect(await t.pointsOf('ana')).toBe(565);

    // The canceled reward cannot be redeemed again under its key.
    const revived = await t.pos.redeem(tenPercent, {
      CustomerId: ana.email,
      OriginalKey: 'ana-sale2-10pct',
      Metadatas: [{ Name: 'PurchaseId', Value: 'sale-2' }],
    });
    expect(revived.status).toBe(409);
    expect(revived.body).toMatchObject({ HasError: true, Code: '09', CodeName: 'RewardCanceled' });
    expect(await t.pointsOf('ana')).toBe(565);
  });
});
