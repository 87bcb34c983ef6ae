import { z } from '@hono/zod-openapi';
import { metadatasSchema } from './requests';

// Response shapes as BonifiQ documents them. Handlers are typed against these, so the wire cannot drift.

const int = z.number().int();

/** The standard envelope around a result. */
export const envelopeOf = <T extends z.ZodType>(name: string, result: T) =>
  z
    .object({
      ErrorMessage: z.string().nullable(),
      ErrorCode: int.nullable().openapi({ description: 'The Code as a number, on errors only' }),
      Result: result.nullable(),
      Code: z.string().openapi({ description: 'Two-digit business code of the endpoint', example: '00' }),
      CodeName: z.string().openapi({ example: 'RewardRedeemed' }),
      Severity: int.openapi({ description: '0 Success, 1 Warning, 2 Error' }),
      HasWarning: z.boolean(),
      HasError: z.boolean(),
    })
    .openapi(name);

export const errorEnvelopeSchema = envelopeOf('ErrorEnvelope', z.null());

const customer = z
  .object({
    Id: int,
    OriginalId: z.string(),
    Name: z.string().nullable(),
    Email: z.string().nullable(),
    Phone: z.string().nullable(),
    Document: z.string().nullable().openapi({ description: 'Masked: only the last digits' }),
    IsEnrolled: z.boolean(),
    CurrentTier: z.null(),
  })
  .openapi('Customer');

const reward = z
  .object({
    Id: int,
    Title: z.string(),
    RewardType: int.openapi({
      description: '0 PercentDiscount, 1 FixedValueDiscount, 3 Cashback, 5 ProductDiscount',
    }),
    Value: z.number(),
    Points: int,
    CanUse: z.boolean(),
    CannotUseReason: int.openapi({
      description:
        '0 CanUse, 1 NotEnoughPoints, 3 CashbackNotAvailable, 5 RewardValueExceedsPurchase, 7 CustomerNotEnrolled',
    }),
    IsCashback: z.boolean(),
    CanSelectValue: z.boolean(),
    AvailableCashback: z.number(),
    MaxCashbackForCurrentPurchase: z.number(),
    Requirements: z.string(),
    RewardCanBeCumulative: z.boolean(),
    ExternalProductId: z.string().nullable().openapi({ description: 'RewardType 5: the product' }),
    ProductDisplayName: z.string().nullable(),
    ProductDiscountMode: int
      .nullable()
      .openapi({ description: '0 percent, 1 fixed final price, 2 free gift, 3 fixed discount amount' }),
    ProductDiscountValue: z.number().nullable(),
    ProductMaxUnitsPerRedeem: int.nullable(),
    ProductAvailableQuantity: int.nullable(),
  })
  .openapi('AvailableReward');

export const availableResponseSchema = z
  .object({
    Customer: customer,
    Rewards: z.array(reward),
    HasRewards: z.boolean(),
    CanUseReward: z.boolean(),
    ShouldValidateCustomer: z.boolean(),
    ShouldValidateCustomerSignup: z.boolean(),
    AvailablePoints: int,
    CashbackEnabled: z.boolean(),
    AvailableCashback: z.number(),
    MaxCashbackForCurrentPurchase: z.number(),
    HasRestrictedItems: z.boolean(),
    RestrictedValue: z.number(),
    EligibleValue: z.number(),
  })
  .openapi('AvailableRewardsResponse');

const coupon = z
  .object({
    CouponCode: z.string(),
    CouponType: int.openapi({ description: '0 FixedValue, 1 Percent' }),
    CouponValue: z.number(),
    ValidDateStart: z.string(),
    ValidDateEnd: z.string().nullable(),
  })
  .openapi('Coupon');

export const redeemResultSchema = z
  .object({
    RewardId: int.openapi({ description: 'This redemption: cancel it by this id' }),
    Point: z.object({ PointId: int, Quantity: int, Metadatas: metadatasSchema.nullable() }),
    ExternalCode: z.string().openapi({ description: 'Send it as the order Coupon', example: 'BQ-7KQ2M9XA' }),
    OriginalKey: z.string(),
    Coupon: coupon.nullable(),
    ExternalProductId: z.string().nullable().openapi({ description: 'RewardType 5: add 1 unit of it' }),
  })
  .openapi('RedeemResult');

export const cancelRewardResultSchema = z
  .object({
    Id: int,
    Customer: z.object({
      OriginalId: z.string(),
      Name: z.string().nullable(),
      Email: z.string().nullable(),
      Document: z.string().nullable(),
      IsEnrolled: z.boolean(),
    }),
    ExternalCode: z.string().nullable(),
    CashValue: z.number().nullable(),
    IsCanceled: z.boolean(),
    RedeemDate: z.string(),
    Points: z.object({ Id: int, Points: int, Type: int, EventKey: z.string().nullable() }),
  })
  .openapi('CanceledReward');

export const orderResultSchema = z
  .object({
    Id: int,
    OriginalId: z.string(),
    OrderPlacementDate: z.string().nullable(),
    OrderCompletedDate: z.string().nullable(),
    OrderCancelledDate: z.string().nullable(),
    OrderStatus: z.string().nullable(),
    IsCompleted: z.boolean(),
    IsCancelledOrReturned: z.boolean(),
    OrderTotal: z.number(),
    Coupon: z.string().nullable(),
    State: int.openapi({ description: '1 Pending, 2 Completed, 3 Canceled' }),
    Origin: int.openapi({ description: '1 external API' }),
    EstimatedBonus: z.object({ GenerateBonus: z.boolean(), EstimatedPoints: int }),
  })
  .openapi('OrderResult');

export const cancelOrderResultSchema = z
  .object({ IsCanceled: z.boolean(), UpdatedAt: z.string(), Status: int })
  .openapi('CanceledOrder');

export const partialCancelResultSchema = z
  .object({
    IsCanceled: z.boolean().openapi({ description: 'False: the order stands, smaller' }),
    UpdatedAt: z.string(),
    Status: int.openapi({ description: '2 Completed' }),
    PointsReversed: int.openapi({ description: 'Points taken back now (never below a zero balance)' }),
    PointsShortfall: int.openapi({ description: 'Points of the return already spent' }),
    RemainingPoints: int.openapi({ description: 'What the order still holds' }),
  })
  .openapi('PartialCancelResult');

export const pointsResultSchema = z
  .object({
    CustomerExists: z.boolean(),
    InternalId: z.string().nullable(),
    Name: z.string().nullable(),
    PointsBalance: int,
    PointsToExpire: z.array(z.object({ Points: int, When: z.string() })),
    CashbackBalance: z.number(),
    RedeemKey: z.null(),
    PointHistory: z.array(
      z.object({
        Id: z.string(),
        DateReceived: z.string(),
        ExpirationDate: z.string().nullable(),
        Amount: int,
        CashbackAmount: z.number(),
        BranchId: z.string().nullable(),
        BranchName: z.string().nullable(),
        IsCanceled: z.boolean(),
        OrderOriginDescription: z.string(),
        PointType: int.openapi({ description: '0 Earn, 1 Redeem, 2 Adjust, 3 Refund, 4 Expire, 5 Other' }),
        PointTypeDescription: z.string(),
      }),
    ),
  })
  .openapi('CustomerPoints');

export type AvailableResponse = z.output<typeof availableResponseSchema>;
export type RedeemResult = z.output<typeof redeemResultSchema>;
export type CancelRewardResult = z.output<typeof cancelRewardResultSchema>;
export type OrderResult = z.output<typeof orderResultSchema>;
export type PointsResult = z.output<typeof pointsResultSchema>;
