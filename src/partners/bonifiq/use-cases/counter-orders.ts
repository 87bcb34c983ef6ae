import { actorName } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { withMemberLock } from '../../../core/member-lock';
import type { OrderCredit } from '../../../core/ports/token-credits';
import { finishIssuance } from '../../../core/tokens/order-issuance';
import { reverseOrderTokens } from '../../../core/tokens/reverse-order-tokens';
import { pointsForAmount, type TokenDeps } from '../../../core/tokens/rules';

/** How orders at the counter earn points. */
export interface PosSettings {
  /** Loyalty points per currency unit of an order's net total. */
  orderPointsPerUnit: number;
}

export type PosDeps = TokenDeps & { pointOfSale: PosSettings };

export type OrderState = 'completed' | 'canceled' | 'pending';

/** What became of the order's Coupon: the redemption it names is completed by the order. */
export type CouponLink = 'linked' | 'already-linked' | 'unknown' | 'other-customer' | 'canceled' | 'none';

export interface CounterOrderInput {
  integration: string;
  orderId: string;
  memberId: string;
  /** Net total paid, in cents: what earns points. */
  totalCents: number;
  coupon: string | null;
  state: OrderState;
}

export interface CounterOrderOutcome {
  /** The PoS's id of the order (PoS ids are int32). */
  number: number;
  /** What the order is for us now. */
  state: OrderState;
  pointsEarned: number;
  pointsReversed: number;
  /** The order was known in this state already: nothing changed. */
  unchanged: boolean;
  /** False when a cancel named an order never seen (it is remembered, so a late completion earns nothing). */
  known: boolean;
  coupon: CouponLink;
}

// BonifiQ amounts are in reais; the currency is only recorded beside the order.
const CURRENCY = 'BRL';
const decimal = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A point of sale reports an order (seed 004, always sent, reward or not): a completed order earns points
 * once, keyed by (integration, order), and completes the redemption its Coupon names; a canceled one takes
 * back what it earned (cancelCounterOrder); a pending one changes nothing yet. Replays change nothing.
 */
export async function recordCounterOrder(
  deps: PosDeps,
  order: CounterOrderInput,
): Promise<CounterOrderOutcome> {
  if (order.state === 'canceled') return cancelCounterOrder(deps, order);
  const number = await orderNumberOf(deps, order);
  return { number, ...(await record(deps, order)) };
}

const orderNumberOf = (deps: PosDeps, order: { integration: string; orderId: string }) =>
  deps.store.counter.numberOf(`order:${order.integration}`, order.orderId, deps.clock.now());

type Outcome = Omit<CounterOrderOutcome, 'number'>;

async function record(deps: PosDeps, order: CounterOrderInput): Promise<Outcome> {
  const existing = await deps.store.orderCredits.get(order.integration, order.orderId);
  if (order.state === 'pending') return { ...nothing(existing), known: existing !== undefined };

  // Under the customer's lock: a reward cancel or a refund of this order cannot run in between.
  return withMemberLock(deps, order.memberId, async () => {
    let credit = await deps.store.orderCredits.get(order.integration, order.orderId);
    if (!credit) {
      const fresh = newCredit(deps, order);
      credit = (await deps.store.orderCredits.insert(fresh))
        ? fresh
        : await deps.store.orderCredits.get(order.integration, order.orderId);
    }
    if (!credit) throw new AppError('INTERNAL', `order ${order.integration}/${order.orderId} vanished`);
    if (credit.status === 'reversing' || credit.status === 'reversed') return nothing(credit);
    const coupon = await linkCoupon(deps, order);
    if (credit.status === 'issued') return { ...nothing(credit), unchanged: coupon !== 'linked', coupon };
    const issued = await finishIssuance(deps, credit);
    return { ...nothing(issued), pointsEarned: issued.pointsIssued, unchanged: false, coupon };
  });
}

/** The order is canceled or returned: what it earned is taken back, never below zero, once. */
export async function cancelCounterOrder(
  deps: PosDeps,
  order: { integration: string; orderId: string; memberId?: string | null; totalCents?: number | null },
): Promise<CounterOrderOutcome> {
  const before = await deps.store.orderCredits.get(order.integration, order.orderId);
  const result = await reverseOrderTokens(deps, {
    source: order.integration,
    orderId: order.orderId,
    memberId: order.memberId ?? null,
    amount: decimal(order.totalCents ?? 0),
    currency: CURRENCY,
  });
  const points = Number(result.details?.points ?? 0);
  return {
    number: await orderNumberOf(deps, order),
    state: 'canceled',
    pointsEarned: before?.pointsIssued ?? 0,
    pointsReversed: result.outcome === 'tokens_reversed' ? points : 0,
    unchanged: before?.status === 'reversed',
    known: before !== undefined,
    coupon: 'none',
  };
}

function nothing(credit: OrderCredit | undefined): Outcome {
  const canceled = credit?.status === 'reversing' || credit?.status === 'reversed';
  return {
    state: canceled ? 'canceled' : credit?.status === 'issued' ? 'completed' : 'pending',
    pointsEarned: credit?.pointsIssued ?? 0,
    pointsReversed: credit?.pointsReversed ?? 0,
    unchanged: true,
    known: true,
    coupon: 'none',
  };
}

function newCredit(deps: PosDeps, order: CounterOrderInput): OrderCredit {
  const now = deps.clock.now().toISOString();
  const amount = decimal(order.totalCents);
  return {
    source: order.integration,
    orderId: order.orderId,
    memberId: order.memberId,
    poolId: null,
    status: 'issuing',
    amount,
    currency: CURRENCY,
    // The counter earns points only; tokens come from the gym's own systems.
    tokensIssued: 0,
    issueTransactionId: null,
    tokensToReverse: null,
    tokensReversed: 0,
    shortfall: 0,
    reverseTransactionId: null,
    pointsIssued: pointsForAmount(amount, deps.pointOfSale.orderPointsPerUnit),
    pointsReversed: 0,
    pointsShortfall: 0,
    createdAt: now,
    updatedAt: now,
  };
}

/** Completes the customer's redemption whose external code the order carries (PURCHASED ones only). */
async function linkCoupon(deps: PosDeps, order: CounterOrderInput): Promise<CouponLink> {
  if (!order.coupon) return 'none';
  const redemption = await deps.store.redemptions.findByExternalCode(order.coupon);
  if (!redemption) return 'unknown';
  if (redemption.memberId !== order.memberId) return 'other-customer';
  if (redemption.status === 'COMPLETED') return 'already-linked';
  if (redemption.status === 'CANCELED') return 'canceled';
  if (redemption.status !== 'PURCHASED') return 'unknown';
  const completed = await deps.store.redemptions.transition(
    redemption.id,
    ['PURCHASED'],
    {},
    {
      redemptionId: redemption.id,
      status: 'COMPLETED',
      at: deps.clock.now().toISOString(),
      actor: actorName({ kind: 'integration', name: order.integration }),
      note: `used on order ${order.orderId}`,
    },
  );
  if (completed) return 'linked';
  // Completed by another delivery of the order, or a cancel of the reward got there first.
  const now = await deps.store.redemptions.get(redemption.id);
  return now?.status === 'COMPLETED' ? 'already-linked' : 'canceled';
}
