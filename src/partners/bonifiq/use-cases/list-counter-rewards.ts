import type { CoreDeps } from '../../../core/deps';
import { findLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import { type CounterCustomer, customerProfile } from '../../../core/members/customer';
import { type CounterReward, counterRewards, rateOf } from './counter-catalog';
import { centsForPoints } from './money';

/** Why a reward cannot be used on this purchase. */
export type CannotUse =
  | 'NOT_ENOUGH_POINTS'
  | 'CASHBACK_NOT_AVAILABLE'
  | 'VALUE_EXCEEDS_PURCHASE'
  | 'NOT_ENROLLED';

export interface CounterOffer extends CounterReward {
  canUse: boolean;
  cannotUse: CannotUse | null;
  /** Cashback only (0 otherwise): what the customer's points are worth, and the most this purchase takes. */
  availableCashbackCents: number;
  maxCashbackCents: number;
}

export interface CounterOffers {
  customer: CounterCustomer;
  /** The PoS's id of the customer (PoS ids are int32). */
  customerNumber: number;
  /** What is left to pay after other discounts, in cents: what a reward may take. */
  payableCents: number;
  /** Has a Wix Loyalty account (otherwise nothing can be spent). */
  enrolled: boolean;
  balance: number;
  cashback: { enabled: boolean; availableCents: number; maxForPurchaseCents: number };
  offers: CounterOffer[];
}

export interface CounterCart {
  integration: string;
  memberId: string;
  /** Gross purchase and discounts from elsewhere, in cents. */
  purchaseCents: number;
  discountCents: number;
}

/**
 * What the customer can use on this cart, reward by reward (the ones they cannot use yet too, with why).
 * The cart is remembered as the customer's latest quote: a redeem at this counter is capped by it.
 */
export async function listCounterRewards(deps: CoreDeps, cart: CounterCart): Promise<CounterOffers> {
  const [customer, account, rewards, customerNumber] = await Promise.all([
    customerProfile(deps, cart.memberId),
    findLoyaltyAccount(deps, cart.memberId),
    counterRewards(deps),
    deps.store.counter.numberOf(CUSTOMER_SCOPE, cart.memberId, deps.clock.now()),
  ]);
  await deps.store.counter.saveQuote({ ...cart, quotedAt: deps.clock.now().toISOString() });

  const balance = account?.balance ?? 0;
  const payableCents = Math.max(0, cart.purchaseCents - cart.discountCents);
  const offers = rewards.map((reward) => offerOf(reward, account !== undefined, balance, payableCents));
  const cashback = offers.find((o) => o.kind === 'cashback');
  return {
    customer,
    customerNumber,
    payableCents,
    enrolled: account !== undefined,
    balance,
    cashback: {
      enabled: cashback !== undefined,
      availableCents: cashback?.availableCashbackCents ?? 0,
      maxForPurchaseCents: cashback?.maxCashbackCents ?? 0,
    },
    offers,
  };
}

/** Numbers of customers, shared by every integration. */
export const CUSTOMER_SCOPE = 'customer';

/** The largest cashback this payable amount takes from this balance, in cents. */
export const maxCashbackCents = (reward: CounterReward, balance: number, payableCents: number): number =>
  Math.min(centsForPoints(balance, rateOf(reward)), payableCents);

function offerOf(
  reward: CounterReward,
  enrolled: boolean,
  balance: number,
  payableCents: number,
): CounterOffer {
  const cashback = reward.kind === 'cashback';
  const availableCashbackCents = cashback ? centsForPoints(balance, rateOf(reward)) : 0;
  const maxCents = cashback ? maxCashbackCents(reward, balance, payableCents) : 0;
  const cannotUse = whyNot(reward, enrolled, balance, payableCents, availableCashbackCents);
  return {
    ...reward,
    canUse: cannotUse === null,
    cannotUse,
    availableCashbackCents,
    maxCashbackCents: maxCents,
  };
}

function whyNot(
  reward: CounterReward,
  enrolled: boolean,
  balance: number,
  payableCents: number,
  availableCashbackCents: number,
): CannotUse | null {
  if (!enrolled) return 'NOT_ENROLLED';
  if (reward.kind === 'cashback') {
    if (availableCashbackCents === 0) return 'CASHBACK_NOT_AVAILABLE';
    return payableCents === 0 ? 'VALUE_EXCEEDS_PURCHASE' : null;
  }
  if (balance < reward.points) return 'NOT_ENOUGH_POINTS';
  if (reward.kind === 'fixedAmount' && Math.round(reward.value * 100) > payableCents) {
    return 'VALUE_EXCEEDS_PURCHASE';
  }
  return null;
}
