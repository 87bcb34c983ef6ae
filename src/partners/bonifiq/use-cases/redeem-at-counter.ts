import type { Actor, CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { type IdempotentResult, type IdempotentRun, runIdempotent } from '../../../core/idempotency';
import type { Lease } from '../../../core/lease';
import { intentIdOf } from '../../../core/loyalty/coupon-intent';
import { requireLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import { withMemberLock } from '../../../core/member-lock';
import type { Redemption } from '../../../core/redemption';
import {
  type CounterReward,
  type CounterRewardKind,
  counterReward,
  rateOf,
  rewardOfRedemption,
} from './counter-catalog';
import { type CounterSpend, markPurchased, recordIntent, spendOnce } from './counter-spend';
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
 * A point of sale redeems a reward for a customer (seed 004): the points are debited once per OriginalKey
 * (per-customer serialized, so concurrent redeems never overdraw), a redemption is recorded with the
 * ExternalCode its order will carry, and a coupon is made only when the PoS asks for one. A replay of a
 * reward canceled since is refused: the key cannot bring it back.
 */
export async function redeemAtCounter(
  deps: CoreDeps,
  input: RedeemAtCounterInput,
): Promise<IdempotentResult<CounterRedeem>> {
  const { integration, memberId, rewardNumber, cashback, purchaseId, forceCoupon, context } = input;
  // A malformed amount is refused before the key is claimed, so the PoS may fix it under the same key.
  const known = await counterReward(deps, rewardNumber).catch(() => undefined);
  if (known) planFor(input, known);
  const result = await runIdempotent<CounterRedeem>(
    deps,
    {
      scope: counterScope(integration),
      key: input.originalKey,
      operation: 'redeemAtCounter',
      request: { memberId, rewardNumber, cashback, purchaseId, forceCoupon, context },
    },
    (run) =>
      withMemberLock(deps, memberId, async (lock) => {
        const earlier = await deps.store.redemptions.get(intentIdOf(run.upstreamKey));
        if (earlier) return resume(deps, run, earlier, input, lock);

        const reward = await counterReward(deps, rewardNumber);
        const account = await requireLoyaltyAccount(deps, memberId);
        await oneRewardPerPurchase(deps, input);
        const plan = planFor(input, reward);
        await checkAffordable(deps, input, reward, plan, account.balance);
        const spend = spendOf(input, reward, plan.points);
        const intent = await recordIntent(deps, run, spend, account.id);
        return finish(deps, run, intent, spend, plan, lock);
      }),
  );
  if (result.replayed) await refuseIfCanceled(deps, result.value.redemptionId);
  return result;
}

const actorOf = (integration: string): Actor => ({ kind: 'integration', name: integration });

function spendOf(input: RedeemAtCounterInput, reward: CounterReward, points: number): CounterSpend {
  return {
    integration: input.integration,
    memberId: input.memberId,
    reward,
    points,
    way: input.forceCoupon ? 'coupon' : 'debit',
    purchaseId: input.purchaseId,
    actor: actorOf(input.integration),
  };
}

/** Spends and completes the key with the PoS's view of it, in the transaction that marks it PURCHASED. */
async function finish(
  deps: CoreDeps,
  run: IdempotentRun<CounterRedeem>,
  intent: Redemption,
  spend: CounterSpend,
  plan: Plan,
  lock: Lease,
): Promise<CounterRedeem> {
  // Allocated before Wix is called, so every attempt reports the same number.
  const number = await deps.store.counter.numberOf(
    redemptionNumbers(spend.integration),
    intent.id,
    deps.clock.now(),
  );
  const spent = await spendOnce(deps, run, intent, spend, lock);
  const done: Redemption = { ...intent, wix: spent.wix, externalCode: spent.externalCode };
  return run.commit(viewOf(done, number, spend.reward, plan), (tx) =>
    markPurchased(deps, tx, intent, spent, spend.actor),
  );
}

/** A retry under a key whose intent exists: finish it, or report what it became. */
async function resume(
  deps: CoreDeps,
  run: IdempotentRun<CounterRedeem>,
  intent: Redemption,
  input: RedeemAtCounterInput,
  lock: Lease,
): Promise<CounterRedeem> {
  const canceledHere = intent.status === 'CANCELED' && intent.canceledReason !== 'REJECTED';
  if (canceledHere) throw rewardCanceled();
  // Keys are purged 24 h after they finish; the same key sent again later must not reuse that redemption.
  if (!run.resumed) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This OriginalKey was used before; use a new key.');
  }
  if (intent.status === 'CANCELED') {
    throw new AppError('OFFER_UNAVAILABLE', 'This redeem was refused; try again with a new OriginalKey.');
  }
  if (intent.offer.kind !== 'reward' || !intent.offer.catalogEntryId) {
    throw new AppError('INTERNAL', `Redemption ${intent.id} is not a counter redemption`);
  }
  const reward = await rewardOfRedemption(deps, intent.offer.catalogEntryId, intent.offer.rewardId);
  const plan = { points: intent.price, cashValueCents: cashValueOf(input, reward, intent.price) };
  const spend = spendOf(input, reward, intent.price);
  if (intent.status === 'SUBMITTED') return finish(deps, run, intent, spend, plan, lock);
  const number = await deps.store.counter.numberOf(
    redemptionNumbers(input.integration),
    intent.id,
    deps.clock.now(),
  );
  return run.commit(viewOf(intent, number, reward, plan));
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
  balance: number,
): Promise<void> {
  if (plan.points > balance) {
    throw new AppError('INSUFFICIENT_BALANCE', 'Not enough points for this reward', {
      details: { available: balance, requested: plan.points },
    });
  }
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
  const cap = reward.kind === 'cashback' ? maxCashbackCents(reward, balance, payable) : payable;
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

function viewOf(redemption: Redemption, number: number, reward: CounterReward, plan: Plan): CounterRedeem {
  const code = redemption.externalCode ?? redemption.wix.couponCode;
  if (!code) throw new AppError('INTERNAL', `Redemption ${redemption.id} has no external code`);
  return {
    redemptionId: redemption.id,
    number,
    rewardNumber: reward.number,
    kind: reward.kind,
    points: redemption.price,
    cashValueCents: plan.cashValueCents,
    externalCode: code,
    coupon: redemption.wix.couponCode
      ? { code: redemption.wix.couponCode, kind: reward.kind, value: reward.value }
      : null,
    redeemedAt: redemption.createdAt,
    productId: reward.product?.externalId ?? null,
  };
}
