import type { Integration } from '../src/core/ports/integrations';
import type { LoyaltyCouponView } from '../src/core/ports/loyalty';
import type { Redemption } from '../src/core/redemption';

/** A redemption as site and dashboard code see it: no internal ids beyond what they can act on. */
export interface RedemptionView {
  id: string;
  memberId: string;
  channel: string;
  status: Redemption['status'];
  kind: Redemption['offer']['kind'];
  /** The item (Wix Stores product id) or loyalty reward redeemed. */
  itemExternalId: string | null;
  rewardId: string | null;
  benefitKey: string | null;
  count: number;
  price: number;
  currency: Redemption['currency'];
  couponCode: string | null;
  canceledReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toRedemptionView(r: Redemption): RedemptionView {
  return {
    id: r.id,
    memberId: r.memberId,
    channel: r.channel,
    status: r.status,
    kind: r.offer.kind,
    itemExternalId: r.offer.kind === 'benefit' ? r.offer.externalId : null,
    rewardId: r.offer.kind === 'reward' ? r.offer.rewardId : null,
    benefitKey: r.offer.kind === 'benefit' ? r.offer.benefitKey : null,
    count: r.count,
    price: r.price,
    currency: r.currency,
    couponCode: r.wix.couponCode ?? null,
    canceledReason: r.canceledReason,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** A loyalty coupon as the member sees it: the code to use at checkout and whether it still works. */
export interface CouponView {
  id: string;
  code: string;
  rewardName: string;
  status: LoyaltyCouponView['status'];
  createdAt: string;
}

export const toCouponView = (c: LoyaltyCouponView): CouponView => ({
  id: c.id,
  code: c.code,
  rewardName: c.rewardName,
  status: c.status,
  createdAt: c.createdAt,
});

/** An integration as staff see it: never its secret, key or key hash. */
export interface IntegrationView {
  name: string;
  kind: Integration['kind'];
  environment: Integration['environment'];
  currency: Integration['currency'];
  createdAt: string;
}

export const toIntegrationView = (i: Integration): IntegrationView => ({
  name: i.name,
  kind: i.kind,
  environment: i.environment,
  currency: i.currency,
  createdAt: i.createdAt,
});
