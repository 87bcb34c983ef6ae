import { type Actor, actorName, type CoreDeps } from '../deps';
import { AppError, type ErrorCode, toAppError } from '../errors';
import {
  type IdempotentRequest,
  type IdempotentResult,
  type IdempotentRun,
  runIdempotentForMember,
} from '../idempotency';
import { beforeWixCall, type Lease } from '../lease';
import type { LoyaltyAccountView } from '../ports/loyalty';
import type { StoreRepos } from '../ports/store';
import type { Redemption, WixRefs } from '../redemption';
import { adjustPointsOnce } from './adjust-once';
import { adoptableCoupon, intentIdOf } from './coupon-intent';

// Spending Wix Loyalty points exactly once, although neither Wix call that spends them (redeemPointsForCoupon,
// adjust) takes an idempotency key. Every surface that spends points goes through here:
// 1. the surface's idempotency key is claimed and the member's debits are serialized (member lock);
// 2. a SUBMITTED redemption (the intent) is committed, under an id derived from the key, before Wix is called;
// 3. the points are spent by one Wix call fenced by both leases; a definite refusal closes the intent;
// 4. the intent moves on with what Wix did, in the transaction that completes the key.
// A retry that finds its intent resumes it: it adopts what the first attempt did (coupon-intent.ts,
// adjust-once.ts) instead of spending again.

/** How the points leave the account. */
export type SpendWay =
  /** A Wix loyalty coupon: its code is the redemption's external code. */
  | { kind: 'coupon' }
  /** A bare debit (the surface gives the discount itself), under a code the surface derives from its key. */
  | {
      kind: 'debit';
      /** The external code: the same for every attempt under one key (an order carries it back). */
      codeOf: (upstreamKey: string) => string;
      /** The Wix adjustment's description: unique per key, it is how a retry recognizes its debit. */
      describe: (rewardName: string, upstreamKey: string) => string;
      /** The status history's word for it. */
      note: string;
    };

/** What the first attempt spends, decided under the member lock once the surface's checks passed. */
export interface SpendPlan {
  accountId: string;
  reward: { rewardId: string; rewardName: string; catalogEntryId: string | null };
  points: number;
  /** Written with the intent, in its transaction (a point of sale links its purchase). */
  link?: (tx: StoreRepos, intent: Redemption) => Promise<void>;
}

export interface PointsSpend<T, P extends SpendPlan> {
  /** The surface's idempotency claim: one spend per (scope, key). */
  claim: IdempotentRequest;
  memberId: string;
  /** Where the redemption comes from: `site`, `dashboard`, an integration. */
  channel: string;
  actor: Actor;
  /** How the surface names its key in errors (`idempotency key`, `OriginalKey`). */
  keyName: string;
  way: SpendWay;
  /** Where the redemption lands once spent: PURCHASED, or SUBMITTED for a booking. */
  landsAs: 'PURCHASED' | 'SUBMITTED';
  /** First attempt only: the surface's checks (before anything is spent), then what to spend. */
  plan: () => Promise<P>;
  /** A retry that finds the intent: the surface's own refusals come first (a reward canceled since). */
  refuseResume?: (intent: Redemption) => void;
  /** Just before Wix is called, on whichever attempt calls it (a PoS numbers its redemption here). */
  beforeSpend?: (intent: Redemption) => Promise<void>;
  /** What the key answers, from the redemption as spent; `planned` only on the attempt that planned it. */
  answer: (redemption: Redemption, planned: P | undefined) => Promise<T> | T;
}

/** Wix answers that mean nothing was spent: the intent is closed as rejected. */
const REJECTED: ReadonlySet<ErrorCode> = new Set(['INSUFFICIENT_BALANCE', 'OFFER_UNAVAILABLE', 'NOT_FOUND']);

/** Spends a member's points once per idempotency key, resuming what an earlier attempt started. */
export function spendPoints<T, P extends SpendPlan>(
  deps: CoreDeps,
  spend: PointsSpend<T, P>,
): Promise<IdempotentResult<T>> {
  return runIdempotentForMember<T>(deps, spend.claim, spend.memberId, async (run, lock) => {
    const fence = [run.lease, lock];
    const earlier = await deps.store.redemptions.get(intentIdOf(run.upstreamKey));
    if (earlier) return resume(deps, spend, run, earlier, fence);
    const planned = await spend.plan();
    const intent = await recordIntent(deps, spend, run.upstreamKey, planned);
    return complete(deps, spend, run, intent, planned, fence);
  });
}

/** The balance check every spend makes before its intent: INSUFFICIENT_BALANCE when it cannot pay. */
export function requireBalance(account: LoyaltyAccountView, points: number): void {
  if (account.balance < points) {
    throw new AppError('INSUFFICIENT_BALANCE', 'Not enough points for this reward', {
      details: { available: account.balance, requested: points },
    });
  }
}

/**
 * A retry under a key whose intent exists: report what it became, or finish it. The earlier attempt's Wix
 * call is over by now: it ran under leases this attempt holds, and a takeover waits out its deadline.
 */
async function resume<T, P extends SpendPlan>(
  deps: CoreDeps,
  spend: PointsSpend<T, P>,
  run: IdempotentRun<T>,
  intent: Redemption,
  fence: readonly Lease[],
): Promise<T> {
  spend.refuseResume?.(intent);
  // Keys are purged 24 h after they finish; the same key sent again later must not reuse that redemption.
  if (!run.resumed) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', `This ${spend.keyName} was used before; use a new key.`);
  }
  if (intent.status === 'CANCELED') {
    throw new AppError(
      'OFFER_UNAVAILABLE',
      `This redemption was rejected; try again with a new ${spend.keyName}.`,
    );
  }
  if (isSpent(intent)) return run.commit(await spend.answer(intent, undefined));
  return complete(deps, spend, run, intent, undefined, fence);
}

/** Spent once Wix's answer is linked: a booking stays SUBMITTED, but holds its coupon. */
const isSpent = (intent: Redemption) =>
  intent.status !== 'SUBMITTED' || Boolean(intent.wix.couponId ?? intent.wix.transactionId);

/** Commits the SUBMITTED redemption (and what the surface links to it) before Wix is called. */
async function recordIntent<T, P extends SpendPlan>(
  deps: CoreDeps,
  spend: PointsSpend<T, P>,
  upstreamKey: string,
  planned: P,
): Promise<Redemption> {
  const now = deps.clock.now().toISOString();
  const intent: Redemption = {
    id: intentIdOf(upstreamKey),
    memberId: spend.memberId,
    channel: spend.channel,
    offer: { kind: 'reward', ...planned.reward },
    count: 1,
    price: planned.points,
    currency: 'points',
    status: 'SUBMITTED',
    canceledReason: null,
    canceledNote: null,
    wix: { loyaltyAccountId: planned.accountId },
    // A coupon's own code is its external code (set once bought).
    externalCode: spend.way.kind === 'debit' ? spend.way.codeOf(upstreamKey) : null,
    createdAt: now,
    updatedAt: now,
  };
  const actor = actorName(spend.actor);
  await deps.store.transaction(async (tx) => {
    await tx.redemptions.insert(intent, {
      redemptionId: intent.id,
      status: 'SUBMITTED',
      at: now,
      actor,
      note: null,
    });
    await planned.link?.(tx, intent);
  });
  return intent;
}

/** Spends (or adopts what an earlier attempt spent) and moves the intent on, completing the key. */
async function complete<T, P extends SpendPlan>(
  deps: CoreDeps,
  spend: PointsSpend<T, P>,
  run: IdempotentRun<T>,
  intent: Redemption,
  planned: P | undefined,
  fence: readonly Lease[],
): Promise<T> {
  await spend.beforeSpend?.(intent);
  const spent = await spendOnce(deps, spend, run.upstreamKey, intent, {
    resumed: planned === undefined,
    fence,
  });
  const at = deps.clock.now().toISOString();
  const done: Redemption = { ...intent, status: spend.landsAs, ...spent, updatedAt: at };
  const note = spent.wix.couponCode
    ? `coupon ${spent.wix.couponCode}`
    : spend.way.kind === 'debit'
      ? spend.way.note
      : null;
  return run.commit(await spend.answer(done, planned), async (tx) => {
    const moved = await tx.redemptions.transition(
      intent.id,
      ['SUBMITTED'],
      // The external code is what an order carries back: it completes this redemption (orders webhook).
      spent,
      { redemptionId: intent.id, status: spend.landsAs, at, actor: actorName(spend.actor), note },
    );
    if (!moved) throw new AppError('INTERNAL', `Redemption ${intent.id} left SUBMITTED before it was spent`);
  });
}

interface Spent {
  wix: WixRefs;
  externalCode: string | null;
}

/**
 * The one Wix call that spends the points, fenced by the key's and the member's leases, or, on a retry,
 * what the earlier attempt's call did. A definite refusal closes the intent; anything else leaves it open.
 */
async function spendOnce<T, P extends SpendPlan>(
  deps: CoreDeps,
  spend: PointsSpend<T, P>,
  upstreamKey: string,
  intent: Redemption,
  { resumed, fence }: { resumed: boolean; fence: readonly Lease[] },
): Promise<Spent> {
  const accountId = intent.wix.loyaltyAccountId;
  if (intent.offer.kind !== 'reward' || !accountId) {
    throw new AppError('INTERNAL', `Redemption ${intent.id} is not a points intent`);
  }
  const { way } = spend;
  const { rewardId, rewardName } = intent.offer;
  if (way.kind === 'debit') {
    const change = await closeIfRejected(deps, spend.actor, intent, () =>
      adjustPointsOnce(deps, {
        accountId,
        memberId: intent.memberId,
        delta: -intent.price,
        description: way.describe(rewardName, upstreamKey),
        resumed,
        fence,
      }),
    );
    return { wix: { ...intent.wix, transactionId: change.transactionId }, externalCode: intent.externalCode };
  }
  const adopted = resumed ? await adoptableCoupon(deps, intent) : undefined;
  if (adopted) {
    deps.log.info(
      { redemptionId: intent.id, couponId: adopted.id },
      'adopted a coupon an earlier attempt bought',
    );
  }
  const coupon =
    adopted ??
    (await closeIfRejected(deps, spend.actor, intent, async () => {
      await beforeWixCall(fence);
      return deps.loyalty.redeemPointsForCoupon(rewardId, accountId);
    }));
  const wix: WixRefs = { ...intent.wix, couponId: coupon.id, couponCode: coupon.code };
  if (coupon.transactionId) wix.transactionId = coupon.transactionId;
  return { wix, externalCode: coupon.code };
}

async function closeIfRejected<R>(
  deps: CoreDeps,
  actor: Actor,
  intent: Redemption,
  call: () => Promise<R>,
): Promise<R> {
  try {
    return await call();
  } catch (thrown) {
    const error = toAppError(thrown);
    if (REJECTED.has(error.code)) {
      await deps.store.redemptions.transition(
        intent.id,
        ['SUBMITTED'],
        { canceledReason: 'REJECTED', canceledNote: error.message },
        {
          redemptionId: intent.id,
          status: 'CANCELED',
          at: deps.clock.now().toISOString(),
          actor: actorName(actor),
          note: error.code,
        },
      );
    }
    throw error;
  }
}
