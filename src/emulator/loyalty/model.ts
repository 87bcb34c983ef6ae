/** Collections of the local Wix Loyalty. Kept import-free so members can reach accounts without a cycle. */
export const LOYALTY_ACCOUNTS = 'loyalty-accounts';
export const LOYALTY_REWARDS = 'loyalty-rewards';
export const LOYALTY_COUPONS = 'loyalty-coupons';
export const LOYALTY_TRANSACTIONS = 'loyalty-transactions';
/** `${accountId}:${idempotencyKey}` → the EARN transaction it produced, so a repeated earn is O(1) to spot. */
export const LOYALTY_EARN_KEYS = 'loyalty-earn-keys';

export type Points = { balance: number; earned: number; adjusted: number; redeemed: number; expired: number };

export type LoyaltyAccount = {
  id: string;
  contactId: string;
  memberId: string | null;
  points: Points;
  /** Stored for completeness; recomputed from the active rewards whenever an account is returned. */
  rewardAvailable: boolean;
  createdDate: string;
  updatedDate: string;
  lastActivityDate: string;
  revision: string;
  /** Tiers are not emulated: every account is in the base tier (`id: null`). */
  tier: { id: null; updatedDate: string; points: number };
};

export type TransactionType = 'EARN' | 'REDEEM' | 'ADJUST' | 'REFUND' | 'EXPIRE';

/**
 * `amount` is SIGNED: the change applied to the balance (EARN > 0, REDEEM < 0, ADJUST either way), so the
 * amounts of an account's transactions always sum to its balance.
 */
export type LoyaltyTransaction = {
  id: string;
  accountId: string;
  createdDate: string;
  amount: number;
  transactionType: TransactionType;
  description: string;
  idempotencyKey?: string;
  earnInfo?: { appId: string; activityType?: string; orderId?: string };
  redeemInfo?: { rewardId: string; rewardType: string; referenceEntityId: string };
  adjustInfo?: { amountBefore: number; amountAfter: number };
};

export type TierConfig = { tierId?: string | null; costInPoints: number } & Record<string, unknown>;

type Configs = { configsByTier: TierConfig[] };

/** Exactly one of fixedAmount / percentage / freeShipping, plus optional coupon limits. */
export type CouponReward = {
  fixedAmount?: Configs;
  percentage?: Configs;
  freeShipping?: Configs;
  /** A float on the wire: the SDK sends non-finite values as strings ("Infinity"). */
  minimumSubtotal?: number | string;
  scope?: { namespace?: string; group?: { name?: string; entityId?: string } };
  limitedToOneItem?: boolean | null;
  appliesToSubscriptions?: boolean | null;
  discountedCycleCount?: number | null;
};

export type Reward = {
  id: string;
  name: string;
  active: boolean;
  type: 'COUPON_REWARD' | 'DISCOUNT_AMOUNT';
  revision: string;
  createdDate: string;
  updatedDate: string;
  couponReward?: CouponReward;
  discountAmount?: Configs;
};

export type CouponStatus = 'PENDING' | 'ACTIVE' | 'APPLIED' | 'FAILED' | 'ARCHIVED';

export type LoyaltyCoupon = {
  id: string;
  accountId: string;
  memberId: string | null;
  transactionId: string;
  couponReference: {
    couponId: string;
    code: string;
    name: string;
    specification: Record<string, unknown>;
    deleted?: boolean;
  };
  status: CouponStatus;
  rewardName: string;
  revision: string;
  createdDate: string;
  updatedDate: string;
};
