import type { accounts, coupons, transactions as loyaltyTransactions, rewards } from '@wix/loyalty';
import type {
  LoyaltyAccountView,
  LoyaltyCouponStatus,
  LoyaltyCouponView,
  LoyaltyRewardView,
  LoyaltyTransactionType,
  LoyaltyTransactionView,
} from '../core/ports/loyalty';

// Wix Loyalty entities (SDK shape) → the core's views.

export type Account = accounts.LoyaltyAccount;
export type Reward = rewards.Reward;
export type Coupon = coupons.LoyaltyCoupon;
export type Transaction = loyaltyTransactions.LoyaltyTransaction;
type TierConfig = { tierId?: string | null; costInPoints?: number | null };

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : '');

export const toAccount = (a: Account): LoyaltyAccountView => ({
  id: a._id ?? '',
  contactId: a.contactId ?? '',
  memberId: a.memberId ?? null,
  balance: a.points?.balance ?? 0,
  earned: a.points?.earned ?? 0,
  redeemed: a.points?.redeemed ?? 0,
  adjusted: a.points?.adjusted ?? 0,
  revision: a.revision ?? '',
});

/** The base tier's config (no tier id): the price everyone pays, since tiers are not used here. */
const baseTier = <T extends TierConfig>(configs: T[] | undefined) =>
  configs?.find((c) => c.tierId === undefined || c.tierId === null);

export function toReward(r: Reward): LoyaltyRewardView {
  const coupon = r.couponReward;
  const common = { id: r._id ?? '', name: r.name ?? '', active: r.active === true };
  if (r.type === 'DISCOUNT_AMOUNT') {
    const base = baseTier(r.discountAmount?.configsByTier);
    const value = base?.amount ? Number(base.amount) : null;
    return {
      ...common,
      kind: 'discountAmount',
      couponReward: false,
      costInPoints: base?.costInPoints ?? null,
      value,
    };
  }
  if (coupon?.percentage) {
    const base = baseTier(coupon.percentage.configsByTier);
    return {
      ...common,
      kind: 'percentage',
      couponReward: true,
      costInPoints: base?.costInPoints ?? null,
      value: base?.percentage ?? null,
    };
  }
  if (coupon?.fixedAmount) {
    const base = baseTier(coupon.fixedAmount.configsByTier);
    return {
      ...common,
      kind: 'fixedAmount',
      couponReward: true,
      costInPoints: base?.costInPoints ?? null,
      value: base?.amount ?? null,
    };
  }
  const base = baseTier(coupon?.freeShipping?.configsByTier);
  return {
    ...common,
    kind: 'freeShipping',
    couponReward: true,
    costInPoints: base?.costInPoints ?? null,
    value: null,
  };
}

export const toCoupon = (c: Coupon): LoyaltyCouponView => ({
  id: c._id ?? '',
  accountId: c.accountId ?? '',
  rewardName: c.rewardName ?? '',
  code: c.couponReference?.code ?? '',
  status: (c.status ?? 'UNKNOWN') as LoyaltyCouponStatus,
  revision: c.revision ?? '',
  transactionId: c.transactionId ?? null,
  createdAt: iso(c._createdDate),
});

export const toTransaction = (t: Transaction): LoyaltyTransactionView => ({
  id: t._id ?? '',
  accountId: t.accountId ?? '',
  amount: t.amount ?? 0,
  type: (t.transactionType ?? 'UNKNOWN') as LoyaltyTransactionType,
  description: t.description ?? '',
  idempotencyKey: t.idempotencyKey ?? null,
  rewardId: t.redeemInfo?.rewardId ?? null,
  referenceEntityId: t.redeemInfo?.referenceEntityId ?? null,
  createdAt: iso(t._createdDate),
});
