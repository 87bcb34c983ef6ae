import type { CounterCustomer } from '../../core/members/customer';
import type { LoyaltyTransactionType } from '../../core/ports/loyalty';
import type { Outcome } from './codes';
import type { AvailableResponse, CancelRewardResult, PointsResult, RedeemResult } from './schemas/responses';
import type { CanceledAtCounter } from './use-cases/cancel-counter-reward';
import type { CounterRewardKind } from './use-cases/counter-catalog';
import type { CounterBalance } from './use-cases/customer-points';
import type { CannotUse, CounterOffer, CounterOffers } from './use-cases/list-counter-rewards';
import { fromCents } from './use-cases/money';
import type { CounterRedeem } from './use-cases/redeem-at-counter';

// The core's answers in BonifiQ's words (PascalCase, its enums, money as decimals), in its envelope.

/** BonifiQ's standard response envelope (BaseExternalApiResponse). */
export interface Envelope<T> {
  ErrorMessage: string | null;
  /** Legacy numeric code: the Code as a number, on errors only. */
  ErrorCode: number | null;
  Result: T | null;
  Code: string;
  CodeName: string;
  Severity: number;
  HasWarning: boolean;
  HasError: boolean;
}

export function envelope<T>(outcome: Outcome, result: T | null, message: string | null = null): Envelope<T> {
  const error = outcome.severity === 2;
  return {
    ErrorMessage: message,
    ErrorCode: error ? Number(outcome.code) : null,
    Result: result,
    Code: outcome.code,
    CodeName: outcome.name,
    Severity: outcome.severity,
    HasWarning: outcome.severity === 1,
    HasError: error,
  };
}

const REWARD_TYPE: Record<CounterRewardKind, number> = {
  percentage: 0,
  fixedAmount: 1,
  cashback: 3,
  productDiscount: 5,
};
/** BonifiQ's ProductDiscountMode. */
const PRODUCT_MODE = { percent: 0, finalPrice: 1, freeGift: 2, amountOff: 3 } as const;
const COUPON_TYPE: Record<CounterRewardKind, number> = {
  fixedAmount: 0,
  percentage: 1,
  cashback: 4,
  productDiscount: 4,
};
const CANNOT_USE: Record<CannotUse, number> = {
  NOT_ENOUGH_POINTS: 1,
  CASHBACK_NOT_AVAILABLE: 3,
  VALUE_EXCEEDS_PURCHASE: 5,
  NOT_ENROLLED: 7,
};
const POINT_TYPE: Record<LoyaltyTransactionType, number> = {
  EARN: 0,
  REDEEM: 1,
  ADJUST: 2,
  REFUND: 3,
  EXPIRE: 4,
  UNKNOWN: 5,
};

/** Only the last digits of a CPF/CNPJ leave the app: the PoS knows the document it sent. */
export const maskDocument = (document: string | null) =>
  document ? `${'*'.repeat(Math.max(0, document.length - 4))}${document.slice(-4)}` : null;

const money = (amount: number) => amount.toFixed(2);

function requirementsOf(offer: CounterOffer): string {
  if (offer.kind === 'cashback') return `${offer.points} points = ${money(offer.value)} in cashback`;
  if (offer.product) return `${offer.points} points: 1 × ${offer.product.name}`;
  return `${offer.points} points`;
}

export function availableView(offers: CounterOffers, shouldValidateCustomer: boolean): AvailableResponse {
  const rewards = offers.offers.map((offer) => ({
    Id: offer.number,
    Title: offer.title,
    RewardType: REWARD_TYPE[offer.kind],
    Value: offer.value,
    Points: offer.points,
    CanUse: offer.canUse,
    CannotUseReason: offer.cannotUse ? CANNOT_USE[offer.cannotUse] : 0,
    IsCashback: offer.kind === 'cashback',
    CanSelectValue: offer.kind === 'cashback',
    AvailableCashback: fromCents(offer.availableCashbackCents),
    MaxCashbackForCurrentPurchase: fromCents(offer.maxCashbackCents),
    Requirements: requirementsOf(offer),
    RewardCanBeCumulative: true,
    ExternalProductId: offer.product?.externalId ?? null,
    ProductDisplayName: offer.product?.name ?? null,
    ProductDiscountMode: offer.product ? PRODUCT_MODE[offer.product.mode] : null,
    ProductDiscountValue: offer.product?.value ?? null,
    // A product reward is always one unit, as its own cart line.
    ProductMaxUnitsPerRedeem: offer.product ? 1 : null,
    ProductAvailableQuantity: null,
  }));
  const usable = rewards.some((r) => r.CanUse);
  return {
    Customer: customerView(offers.customer, offers.customerNumber, offers.enrolled),
    Rewards: rewards,
    HasRewards: usable,
    CanUseReward: usable,
    ShouldValidateCustomer: shouldValidateCustomer,
    ShouldValidateCustomerSignup: false,
    AvailablePoints: offers.balance,
    CashbackEnabled: offers.cashback.enabled,
    AvailableCashback: fromCents(offers.cashback.availableCents),
    MaxCashbackForCurrentPurchase: fromCents(offers.cashback.maxForPurchaseCents),
    HasRestrictedItems: false,
    RestrictedValue: 0,
    EligibleValue: fromCents(offers.payableCents),
  };
}

function customerView(customer: CounterCustomer, number: number, enrolled: boolean) {
  return {
    Id: number,
    OriginalId: customer.memberId,
    Name: customer.name,
    Email: customer.email,
    Phone: null,
    Document: maskDocument(customer.document),
    IsEnrolled: enrolled,
    CurrentTier: null,
  };
}

export function redeemView(redeem: CounterRedeem, originalKey: string): RedeemResult {
  return {
    RewardId: redeem.number,
    Point: { PointId: redeem.number, Quantity: -redeem.points, Metadatas: null },
    ExternalCode: redeem.externalCode,
    OriginalKey: originalKey,
    Coupon: redeem.coupon
      ? {
          CouponCode: redeem.coupon.code,
          CouponType: COUPON_TYPE[redeem.coupon.kind],
          CouponValue: redeem.coupon.value,
          ValidDateStart: redeem.redeemedAt,
          ValidDateEnd: null,
        }
      : null,
    ExternalProductId: redeem.productId ?? null,
  };
}

export function canceledRewardView(canceled: CanceledAtCounter): CancelRewardResult {
  const { redemption, customer } = canceled;
  return {
    Id: canceled.number,
    Customer: {
      OriginalId: customer.memberId,
      Name: customer.name,
      Email: customer.email,
      Document: maskDocument(customer.document),
      IsEnrolled: true,
    },
    ExternalCode: redemption.externalCode,
    CashValue: canceled.cashValueCents === null ? null : fromCents(canceled.cashValueCents),
    IsCanceled: redemption.status === 'CANCELED',
    RedeemDate: redemption.createdAt,
    // The points given back (type 3: a refund), under the refund's Wix transaction.
    Points: {
      Id: canceled.number,
      Points: redemption.price,
      Type: 3,
      EventKey: redemption.wix.refundTransactionId ?? null,
    },
  };
}

export function pointsView(balance: CounterBalance): PointsResult {
  return {
    CustomerExists: true,
    InternalId: balance.customer.memberId,
    Name: balance.customer.name,
    PointsBalance: balance.balance,
    PointsToExpire: [],
    CashbackBalance: fromCents(balance.cashbackCents ?? 0),
    RedeemKey: null,
    PointHistory: balance.history.map((t) => ({
      Id: t.id,
      DateReceived: t.createdAt,
      ExpirationDate: null,
      Amount: t.amount,
      CashbackAmount: fromCents(t.cashbackCents ?? 0),
      BranchId: null,
      BranchName: null,
      IsCanceled: false,
      OrderOriginDescription: t.description,
      PointType: POINT_TYPE[t.type],
      PointTypeDescription: t.type,
    })),
  };
}

/** An unknown customer's points: BonifiQ's CustomerExists false. */
export const noCustomerPoints: PointsResult = {
  CustomerExists: false,
  InternalId: null,
  Name: null,
  PointsBalance: 0,
  PointsToExpire: [],
  CashbackBalance: 0,
  RedeemKey: null,
  PointHistory: [],
};
