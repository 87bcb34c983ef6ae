import type { CoreDeps } from '../deps';
import type { LoyaltyCouponView } from '../ports/loyalty';
import { findLoyaltyAccount } from './loyalty-account';

/** The member's loyalty coupons (archived ones included, with their status), newest first. */
export async function listMyCoupons(deps: CoreDeps, memberId: string): Promise<LoyaltyCouponView[]> {
  const account = await findLoyaltyAccount(deps, memberId);
  return account ? deps.loyalty.listCoupons(account.id) : [];
}
