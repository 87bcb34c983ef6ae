import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import type { IdempotentResult } from '../../../core/idempotency';
import { requireLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import { requireBalance, spendPoints } from '../../../core/loyalty/spend-points';
import type { LoyaltyAccountView } from '../../../core/ports/loyalty';
import type { StoreRepos } from '../../../core/ports/store';
import type { Redemption } from '../../../core/redemption';
import {
  type CounterReward,
  type CounterRewardKind,
  counterReward,
  rateOf,
  rewardOfRedemption,
} from './counter-catalog';
import { counterSpendWay } from './counter-spend';
import { maxCashbackCents } from './list-counter-rewards';
import { centsForPoints, pointsForCents } from './money';

/** The cashback a customer picks: an amount of money (cents) or of points. */
export type CashbackChoice = { cents: number } | { points: number };

export interface RedeemAtCounterInput {
  integration: string;
  memberId: string;
  /** The PoS's id of the reward (from the available rewards). */
  rewardNumber: number;
  /** Cashback rewards only (ignored for the others). */
  cashback: CashbackChoice | null;
  /** The PoS's idempotency key. */
  originalKey: string;
  /** The purchase the PoS names, if it does: one reward per purchase. */
  purchaseId: string | null;
  /** Make a real Wix loyalty coupon too (coupon rewards only). */
  forceCoupon: boolean;
  /** Facts about the sale (origin, branch, seller): part of what the key stands for. */
  context: Record<string, unknown>;
}

/** What a redeem at the counter gave, as stored under its key and replayed. */
export interface CounterRedeem {
  redemptionId: string;
  /** The PoS's id of this redemption (its RewardId): what it cancels by. */
  number: number;
  rewardNumber: number;
  kind: CounterRewardKind;
  points: number;
  /** What the reward is worth in money at the counter, in cents; null for a percentage. */
  cashValueCents: number | null;
  externalCode: string;
  coupon: { code: string; kind: CounterRewardKind; value: number } | null;
  /** A product-discount reward's product: the PoS adds one unit of it at the discount. */
  productId?: string | null;
  redeemedAt: string;
}

interface Plan {
  points: number;
  cashValueCents: number | null;
}

export const counterScope = (integration: string) => `pos:${integration}`;
export const redemptionNumbers = (integration: string) => `redeem:${integration}`;
/** A cart quote older than this no longer caps anything: the PoS must ask again. */
const QUOTE_TTL_MS = 2 * 3600_000;

/**
 * A point of sale redeems a reward for a customer (seed 004): the points are spent once per OriginalKey
 * (loyalty/spend-points.ts; per-customer serialized, so concurrent redeems never overdraw), a redemption is
 * recorded with the ExternalCode its order will carry, and a coupon is made only when the PoS asks for one.
 * A replay of a reward canceled since is refused: the key cannot bring it back.
 */
export async function redeemAtCounter(
  deps: CoreDeps,
  input: RedeemAtCounterInput,
): Promise<IdempotentResult<CounterRedeem>> {
  const { integration, memberId, rewardNumber, cashback, purchaseId, forceCoupon, context } = input;
  // A malformed amount is refused before the key is claimed, so the PoS may fix it under the same key.
  const known = await counterReward(deps, rewardNumber).catch(() => undefined);
  if (known) planFor(input, known);
  const result = await spendPoints(deps, {
    claim: {
      scope: counterScope(integration),
      key: input.originalKey,
      operation: 'redeemAtCounter',
      request: { memberId, rewardNumber, cashback, purchaseId, forceCoupon, context },
    },
    memberId,
    channel: integration,
    actor: { kind: 'integration', name: integration },
    keyName: 'OriginalKey',
    way: counterSpendWay(integration, forceCoupon),
    landsAs: 'PURCHASED',
    plan: () => counterPlan(deps, input),
    refuseResume: (intent) => {
      if (intent.status === 'CANCELED' && intent.canceledReason !== 'REJECTED') throw rewardCanceled();
    },
    // Numbered before Wix is called, so every attempt (and a refused one) reports the same number.
    beforeSpend: (intent) => numberOf(deps, integration, intent.id).then(() => undefined),
    answer: async (redemption, planned) => {
      const reward = planned ? planned.counter : await rewardOf(deps, redemption);
      const number = await numberOf(deps, integration, redemption.id);
      return viewOf(redemption, number, reward, cashValueOf(input, reward, redemption.price));
    },
  });
  if (result.replayed) await refuseIfCanceled(deps, result.value.redemptionId);
  return result;
}

/** The checks a redeem passes before anything is spent, then what it spends. */
async function counterPlan(deps: CoreDeps, input: RedeemAtCounterInput) {
  const reward = await counterReward(deps, input.rewardNumber);
  const account = await requireLoyaltyAccount(deps, input.memberId);
  await oneRewardPerPurchase(deps, input);
  const plan = planFor(input, reward);
  await checkAffordable(deps, input, reward, plan, account);
  return {
    accountId: account.id,
    reward: { rewardId: reward.rewardId, rewardName: reward.title, catalogEntryId: reward.entryId },
    points: plan.points,
    link: (tx: StoreRepos, intent: Redemption) => linkPurchase(tx, input, intent),
    counter: reward,
  };
}

const numberOf = (deps: CoreDeps, integration: string, redemptionId: string) =>
  deps.store.counter.numberOf(redemptionNumbers(integration), redemptionId, deps.clock.now());

/** The reward a redemption was made with (a retry finishes it even if staff turned it off since). */
function rewardOf(deps: CoreDeps, redemption: Redemption): Promise<CounterReward> {
  if (redemption.offer.kind !== 'reward' || !redemption.offer.catalogEntryId) {
    throw new AppError('INTERNAL', `Redemption ${redemption.id} is not a counter redemption`);
  }
  return rewardOfRedemption(deps, redemption.offer.catalogEntryId, redemption.offer.rewardId);
}

/** The purchase the PoS named gets this redemption, with its intent. */
async function linkPurchase(tx: StoreRepos, input: RedeemAtCounterInput, intent: Redemption) {
  if (!input.purchaseId) return;
  await tx.counter.addPurchase({
    integration: input.integration,
    memberId: input.memberId,
    purchaseId: input.purchaseId,
    redemptionId: intent.id,
    createdAt: intent.createdAt,
  });
}

const rewardCanceled = () =>
  new AppError('ILLEGAL_TRANSITION', 'This reward was canceled; redeem again with a new OriginalKey.', {
    details: { reason: 'REWARD_CANCELED' },
  });

async function refuseIfCanceled(deps: CoreDeps, redemptionId: string): Promise<void> {
  const redemption = await deps.store.redemptions.get(redemptionId);
  if (redemption?.status === 'CANCELED') throw rewardCanceled();
}

/** A second reward for a purchase that already has one (not canceled) is refused. */
async function oneRewardPerPurchase(deps: CoreDeps, input: RedeemAtCounterInput): Promise<void> {
  if (!input.purchaseId) return;
  const ids = await deps.store.counter.purchaseRedemptions(
    input.integration,
    input.memberId,
    input.purchaseId,
  );
  for (const id of ids) {
    const other = await deps.store.redemptions.get(id);
    if (other && other.status !== 'CANCELED') {
      throw new AppError(
        'ALREADY_REDEEMED',
        'This purchase already has a reward; cancel it to pick another.',
        {
          details: { reason: 'ONE_PER_PURCHASE', externalCode: other.externalCode },
        },
      );
    }
  }
}

/** The points to debit and what they are worth; VALIDATION when the request cannot mean anything. */
function planFor(input: RedeemAtCounterInput, reward: CounterReward): Plan {
  if ((reward.kind === 'cashback' || reward.kind === 'productDiscount') && input.forceCoupon) {
    throw new AppError('VALIDATION', `ForceGenerateCoupon: a ${reward.kind} reward cannot become a coupon`, {
      details: { field: 'ForceGenerateCoupon' },
    });
  }
  return reward.kind === 'cashback'
    ? cashbackPlan(input.cashback, reward)
    : { points: reward.points, cashValueCents: cashValueOf(input, reward, reward.points) };
}

/** Refused when the balance, or the quoted purchase, cannot take it. */
async function checkAffordable(
  deps: CoreDeps,
  input: RedeemAtCounterInput,
  reward: CounterReward,
  plan: Plan,
  account: LoyaltyAccountView,
): Promise<void> {
  requireBalance(account, plan.points);
  // The PoS prices a percentage or a product line itself: nothing to cap against the cart.
  if (reward.kind === 'percentage' || reward.kind === 'productDiscount') return;
  const quote = await deps.store.counter.getQuote(input.integration, input.memberId);
  const fresh = quote && deps.clock.now().getTime() - Date.parse(quote.quotedAt) <= QUOTE_TTL_MS;
  if (!fresh) {
    // Without the cart, a fixed discount is only limited by the points; cashback needs the cart's cap.
    if (reward.kind === 'fixedAmount') return;
    throw new AppError('OFFER_UNAVAILABLE', 'Ask for the available rewards of this purchase first', {
      details: { reason: 'NO_QUOTE' },
    });
  }
  const payable = Math.max(0, quote.purchaseCents - quote.discountCents);
  const cap = reward.kind === 'cashback' ? maxCashbackCents(reward, account.balance, payable) : payable;
  if ((plan.cashValueCents ?? 0) > cap) {
    throw new AppError('OFFER_UNAVAILABLE', 'The reward is worth more than this purchase allows', {
      details: { reason: 'VALUE_EXCEEDS_PURCHASE', maxCents: cap },
    });
  }
}

function cashbackPlan(choice: CashbackChoice | null, reward: CounterReward): Plan {
  if (!choice) {
    throw new AppError('VALIDATION', 'Value or Points is required for a cashback reward', {
      details: { field: 'Value' },
    });
  }
  const rate = rateOf(reward);
  if ('points' in choice)
    return { points: choice.points, cashValueCents: centsForPoints(choice.points, rate) };
  return { points: pointsForCents(choice.cents, rate), cashValueCents: choice.cents };
}

function cashValueOf(input: RedeemAtCounterInput, reward: CounterReward, points: number): number | null {
  if (reward.kind === 'percentage' || reward.kind === 'productDiscount') return null;
  if (reward.kind === 'fixedAmount') return Math.round(reward.value * 100);
  const choice = input.cashback;
  return choice && 'cents' in choice ? choice.cents : centsForPoints(points, rateOf(reward));
}

function viewOf(
  redemption: Redemption,
  number: number,
  reward: CounterReward,
  cashValueCents: number | null,
): CounterRedeem {
  const code = redemption.externalCode ?? redemption.wix.couponCode;
  if (!code) throw new AppError('INTERNAL', `Redemption ${redemption.id} has no external code`);
  return {
    redemptionId: redemption.id,
    number,
    rewardNumber: reward.number,
    kind: reward.kind,
    points: redemption.price,
    cashValueCents,
    externalCode: code,
    coupon: redemption.wix.couponCode
      ? { code: redemption.wix.couponCode, kind: reward.kind, value: reward.value }
      : null,
    redeemedAt: redemption.createdAt,
    productId: reward.product?.externalId ?? null,
  };
}
