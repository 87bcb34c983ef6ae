/** The app's own record of one redemption, whatever surface it came through. */
export const redemptionStatuses = [
  'SUBMITTED',
  'OPEN',
  'AWAITING_VENDOR',
  'AWAITING_CUSTOMER',
  'PURCHASED',
  'COMPLETED',
  'CANCELED',
] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];

export type Currency = 'tokens' | 'points';

/** What was redeemed: a Benefit Programs benefit or a Loyalty reward. */
export type OfferRef =
  | {
      kind: 'benefit';
      externalId: string;
      providerAppId: string;
      benefitKey: string;
      poolId: string;
      itemSetId: string;
      catalogEntryId?: string | null;
    }
  | { kind: 'reward'; rewardId: string; rewardName: string; catalogEntryId?: string | null };

export interface WixRefs {
  /** Benefit Programs transaction of the debit (redeemBenefit / changeBalance). */
  transactionId?: string;
  /** Transaction that gave the credits back on cancel. */
  refundTransactionId?: string;
  loyaltyAccountId?: string;
  couponId?: string;
  couponCode?: string;
}

export interface Redemption {
  id: string;
  memberId: string;
  /** Where it came from: `site`, `dashboard`, an integration name. */
  channel: string;
  offer: OfferRef;
  count: number;
  /** Total price charged (unit price × count). */
  price: number;
  currency: Currency;
  status: RedemptionStatus;
  canceledReason: string | null;
  canceledNote: string | null;
  wix: WixRefs;
  /** Links a point-of-sale redemption to the order that uses it. */
  externalCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RedemptionEvent {
  redemptionId: string;
  status: RedemptionStatus;
  at: string;
  /** Who moved it (member id, `admin:<id>`, integration name, `system`). */
  actor: string;
  note: string | null;
}
