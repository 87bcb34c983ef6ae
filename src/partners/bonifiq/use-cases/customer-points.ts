import type { CoreDeps } from '../../../core/deps';
import { findLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import { type CounterCustomer, customerProfile } from '../../../core/members/customer';
import type { LoyaltyTransactionView } from '../../../core/ports/loyalty';
import { counterRewards, rateOf } from './counter-catalog';
import { centsForPoints } from './money';

export interface CounterBalance {
  customer: CounterCustomer;
  /** Has a Wix Loyalty account. */
  enrolled: boolean;
  balance: number;
  /** What the points are worth as cashback, in cents; null when no cashback reward is offered. */
  cashbackCents: number | null;
  /** Newest first, each with what it is worth as cashback (null without cashback). */
  history: (LoyaltyTransactionView & { cashbackCents: number | null })[];
}

const HISTORY = 50;

/** The customer's points, their cashback worth, and their latest point movements (newest first). */
export async function getCounterBalance(deps: CoreDeps, memberId: string): Promise<CounterBalance> {
  const [customer, account, rewards] = await Promise.all([
    customerProfile(deps, memberId),
    findLoyaltyAccount(deps, memberId),
    counterRewards(deps),
  ]);
  const cashback = rewards.find((r) => r.kind === 'cashback');
  const balance = account?.balance ?? 0;
  const toCents = cashback ? (points: number) => centsForPoints(points, rateOf(cashback)) : null;
  return {
    customer,
    enrolled: account !== undefined,
    balance,
    cashbackCents: toCents ? toCents(balance) : null,
    history: (account ? await deps.loyalty.listTransactions(account.id, HISTORY) : []).map((t) => ({
      ...t,
      cashbackCents: toCents ? Math.sign(t.amount) * toCents(Math.abs(t.amount)) : null,
    })),
  };
}
