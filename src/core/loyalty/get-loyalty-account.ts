import type { CoreDeps } from '../deps';
import { findLoyaltyAccount } from './loyalty-account';

export interface LoyaltyAccountSummary {
  /** Null when the member has no loyalty account yet (then every figure is 0). */
  accountId: string | null;
  balance: number;
  earned: number;
  redeemed: number;
  adjusted: number;
}

/** The member's points, as the site shows them. */
export async function getLoyaltyAccount(deps: CoreDeps, memberId: string): Promise<LoyaltyAccountSummary> {
  const account = await findLoyaltyAccount(deps, memberId);
  if (!account) return { accountId: null, balance: 0, earned: 0, redeemed: 0, adjusted: 0 };
  const { id, balance, earned, redeemed, adjusted } = account;
  return { accountId: id, balance, earned, redeemed, adjusted };
}
