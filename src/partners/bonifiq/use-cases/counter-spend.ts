import { createHash } from 'node:crypto';
import { type Actor, actorName, type CoreDeps } from '../../../core/deps';
import { AppError, type ErrorCode, toAppError } from '../../../core/errors';
import type { IdempotentRun } from '../../../core/idempotency';
import { beforeWixCall, type Lease } from '../../../core/lease';
import { adjustPointsOnce } from '../../../core/loyalty/adjust-once';
import { adoptableCoupon, intentIdOf } from '../../../core/loyalty/coupon-intent';
import type { StoreRepos } from '../../../core/ports/store';
import type { Redemption, WixRefs } from '../../../core/redemption';
import type { CounterReward } from './counter-catalog';

// The counter spends points one of two ways, both exactly once although neither Wix call takes a key: a bare
// debit (Wix adjust; the PoS gives the discount itself), or a Wix loyalty coupon (redeemPointsForCoupon) when
// the PoS asks for one. Both follow the intent pattern of loyalty/coupon-intent.ts: a SUBMITTED redemption
// is committed before Wix is called, and a retry that finds it looks for what the first attempt did.

export type SpendWay = 'debit' | 'coupon';

export interface CounterSpend {
  integration: string;
  memberId: string;
  reward: CounterReward;
  points: number;
  way: SpendWay;
  purchaseId: string | null;
  actor: Actor;
}

/** Wix answers that mean nothing was spent: the intent is closed as rejected. */
const REJECTED: ReadonlySet<ErrorCode> = new Set(['INSUFFICIENT_BALANCE', 'OFFER_UNAVAILABLE', 'NOT_FOUND']);
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** `BQ-XXXXXXXX`, derived from the claim so every attempt carries the same one; the order sends it back. */
export function counterCodeOf(upstreamKey: string): string {
  const bytes = createHash('sha256').update('counter-code').update(upstreamKey).digest();
  const chars = Array.from(bytes.subarray(0, 8), (b) => CODE_ALPHABET[b % CODE_ALPHABET.length]);
  return `BQ-${chars.join('')}`;
}

/** Commits the SUBMITTED redemption (and its purchase) before Wix is called. */
export async function recordIntent(
  deps: CoreDeps,
  run: IdempotentRun<unknown>,
  spend: CounterSpend,
  accountId: string,
): Promise<Redemption> {
  const now = deps.clock.now().toISOString();
  const intent: Redemption = {
    id: intentIdOf(run.upstreamKey),
    memberId: spend.memberId,
    channel: spend.integration,
    offer: {
      kind: 'reward',
      rewardId: spend.reward.rewardId,
      rewardName: spend.reward.title,
      catalogEntryId: spend.reward.entryId,
    },
    count: 1,
    price: spend.points,
    currency: 'points',
    status: 'SUBMITTED',
    canceledReason: null,
    canceledNote: null,
    wix: { loyaltyAccountId: accountId },
    // A coupon's own code is its external code (set once bought): the order carries whichever the PoS got.
    externalCode: spend.way === 'debit' ? counterCodeOf(run.upstreamKey) : null,
    createdAt: now,
    updatedAt: now,
  };
  const event = {
    redemptionId: intent.id,
    status: 'SUBMITTED' as const,
    at: now,
    actor: actorName(spend.actor),
    note: null,
  };
  await deps.store.transaction(async (tx) => {
    await tx.redemptions.insert(intent, event);
    if (spend.purchaseId) {
      await tx.counter.addPurchase({
        integration: spend.integration,
        memberId: spend.memberId,
        purchaseId: spend.purchaseId,
        redemptionId: intent.id,
        createdAt: now,
      });
    }
  });
  return intent;
}

/** What Wix did for the intent: the debit or coupon an earlier attempt made, else a new one. */
export async function spendOnce(
  deps: CoreDeps,
  run: IdempotentRun<unknown>,
  intent: Redemption,
  spend: CounterSpend,
  lock: Lease,
): Promise<{ wix: WixRefs; externalCode: string | null }> {
  const fence = [run.lease, lock];
  const accountId = intent.wix.loyaltyAccountId;
  if (intent.offer.kind !== 'reward' || !accountId) {
    throw new AppError('INTERNAL', `Redemption ${intent.id} is not a counter intent`);
  }
  const { rewardId } = intent.offer;
  try {
    if (spend.way === 'debit') {
      const change = await adjustPointsOnce(deps, {
        accountId,
        memberId: intent.memberId,
        delta: -intent.price,
        description: `${intent.offer.rewardName} at ${spend.integration} (ref ${run.upstreamKey})`,
        resumed: run.resumed,
        fence,
      });
      return {
        wix: { ...intent.wix, transactionId: change.transactionId },
        externalCode: intent.externalCode,
      };
    }
    const adopted = run.resumed ? await adoptableCoupon(deps, intent) : undefined;
    if (!adopted) await beforeWixCall(fence);
    const coupon = adopted ?? (await deps.loyalty.redeemPointsForCoupon(rewardId, accountId));
    const wix: WixRefs = { ...intent.wix, couponId: coupon.id, couponCode: coupon.code };
    if (coupon.transactionId) wix.transactionId = coupon.transactionId;
    return { wix, externalCode: coupon.code };
  } catch (thrown) {
    const error = toAppError(thrown);
    if (REJECTED.has(error.code)) await reject(deps, intent, spend.actor, error);
    throw error;
  }
}

/** Moves the intent to PURCHASED with what Wix did, inside the transaction that completes the key. */
export async function markPurchased(
  deps: CoreDeps,
  tx: StoreRepos,
  intent: Redemption,
  spent: { wix: WixRefs; externalCode: string | null },
  actor: Actor,
): Promise<void> {
  const moved = await tx.redemptions.transition(
    intent.id,
    ['SUBMITTED'],
    { wix: spent.wix, ...(spent.externalCode ? { externalCode: spent.externalCode } : {}) },
    {
      redemptionId: intent.id,
      status: 'PURCHASED',
      at: deps.clock.now().toISOString(),
      actor: actorName(actor),
      note: spent.wix.couponCode ? `coupon ${spent.wix.couponCode}` : 'points debited at the counter',
    },
  );
  if (!moved) throw new AppError('INTERNAL', `Redemption ${intent.id} left SUBMITTED before it was spent`);
}

async function reject(deps: CoreDeps, intent: Redemption, actor: Actor, error: AppError): Promise<void> {
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
