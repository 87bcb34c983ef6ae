/** What the core needs from Wix Loyalty. Implemented over the real SDK in src/wix. */

export interface LoyaltyAccountView {
  id: string;
  contactId: string;
  memberId: string | null;
  balance: number;
  earned: number;
  redeemed: number;
  adjusted: number;
  revision: string;
}

/** How a reward pays out: a coupon kind (COUPON_REWARD) or a checkout discount per points (DISCOUNT_AMOUNT). */
export type LoyaltyRewardKind = 'percentage' | 'fixedAmount' | 'freeShipping' | 'discountAmount';

export interface LoyaltyRewardView {
  id: string;
  name: string;
  active: boolean;
  kind: LoyaltyRewardKind;
  /** Only COUPON_REWARD rewards can be redeemed for a coupon. */
  couponReward: boolean;
  /** Base-tier price in points; null when the reward has no base-tier config (nobody can redeem it). */
  costInPoints: number | null;
  /** Percent off, money off, or money per `costInPoints` for a discount amount; null for free shipping. */
  value: number | null;
}

export type LoyaltyCouponStatus = 'UNKNOWN' | 'PENDING' | 'ACTIVE' | 'APPLIED' | 'FAILED' | 'ARCHIVED';

export interface LoyaltyCouponView {
  id: string;
  accountId: string;
  rewardName: string;
  /** The reference coupon's code, applied at checkout. */
  code: string;
  status: LoyaltyCouponStatus;
  revision: string;
  /** The REDEEM transaction that paid for it. */
  transactionId: string | null;
  createdAt: string;
}

export type LoyaltyTransactionType = 'EARN' | 'REDEEM' | 'ADJUST' | 'REFUND' | 'EXPIRE' | 'UNKNOWN';

export interface LoyaltyTransactionView {
  id: string;
  accountId: string;
  /** Signed change to the balance. */
  amount: number;
  type: LoyaltyTransactionType;
  description: string;
  idempotencyKey: string | null;
  /** For REDEEM: the reward redeemed and the coupon it produced. */
  rewardId: string | null;
  referenceEntityId: string | null;
  createdAt: string;
}

export interface PointsChange {
  account: LoyaltyAccountView;
  transactionId: string;
}

export interface LoyaltyGateway {
  getAccountByMember(memberId: string): Promise<LoyaltyAccountView | undefined>;
  /** Opens the contact's account; an existing one is returned instead (Wix allows one per contact). */
  createAccount(contactId: string): Promise<LoyaltyAccountView>;
  /** Adds points; Wix dedupes on `idempotencyKey` per account, so a repeated key adds nothing. */
  earnPoints(input: {
    accountId: string;
    amount: number;
    idempotencyKey: string;
    description: string;
    orderId?: string;
  }): Promise<PointsChange>;
  /**
   * Adds or removes points (never below zero: INSUFFICIENT_BALANCE). NOT idempotent in Wix: callers make
   * it exactly-once themselves.
   */
  adjustPoints(input: { accountId: string; delta: number; description: string }): Promise<PointsChange>;
  /** Active rewards. */
  listRewards(): Promise<LoyaltyRewardView[]>;
  getReward(rewardId: string): Promise<LoyaltyRewardView | undefined>;
  /** Deducts the reward's cost and creates a coupon. NOT idempotent in Wix (no key). */
  redeemPointsForCoupon(rewardId: string, accountId: string): Promise<LoyaltyCouponView>;
  /** Coupons of that account bought with that reward, created at or after `since`, newest first. */
  findCouponsCreatedSince(accountId: string, rewardId: string, since: Date): Promise<LoyaltyCouponView[]>;
  listCoupons(accountId: string): Promise<LoyaltyCouponView[]>;
  getCoupon(couponId: string): Promise<LoyaltyCouponView | undefined>;
  /** Archives the coupon (no refund); false when `revision` is stale (someone changed it: read again). */
  deleteCoupon(couponId: string, revision: string): Promise<boolean>;
  /** Newest first. */
  listTransactions(accountId: string, limit: number): Promise<LoyaltyTransactionView[]>;
}
