import type { Actor, CoreDeps } from '../deps';
import { actorName } from '../deps';
import { AppError } from '../errors';
import { type IdempotentResult, runIdempotentForMember } from '../idempotency';
import type { Redemption, RedemptionStatus } from '../redemption';
import { spendOnActivePool } from './active-pool';

export interface RedeemBenefitInput {
  memberId: string;
  /** The merchandise picked (a Wix Stores product id). */
  externalId: string;
  count: number;
  idempotencyKey: string;
  /** Where the request came from: `site`, `dashboard`, an integration. */
  channel: string;
  actor: Actor;
  /** Where the redemption starts: PURCHASED (default, delivered at once) or SUBMITTED (a booking request). */
  initialStatus?: Extract<RedemptionStatus, 'SUBMITTED' | 'PURCHASED'>;
  /** The catalog entry picked, when the caller picked one (partner offers). */
  catalogEntryId?: string;
  /** A business rule checked under the member lock, before anything is spent (one booking per member). */
  guard?: () => Promise<void>;
}

/**
 * A member spends tokens on an item (seed step 7): find the item by external id and provider app, find the
 * benefit with that item set in the member's ACTIVE pool, redeem it with a key Wix will dedupe, record it.
 */
export async function redeemBenefit(
  deps: CoreDeps,
  input: RedeemBenefitInput,
): Promise<IdempotentResult<Redemption>> {
  if (!Number.isInteger(input.count) || input.count < 1) {
    throw new AppError('VALIDATION', 'count must be a whole number of at least 1');
  }
  // An unknown item is bad input: refused before anything (even the idempotency key) is written.
  const item = await deps.benefits.findItem({
    externalId: input.externalId,
    providerAppId: deps.program.providerAppId,
  });
  if (!item) throw new AppError('VALIDATION', `No redeemable item with external id ${input.externalId}`);
  return runIdempotentForMember<Redemption>(
    deps,
    {
      scope: `${input.channel}:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'redeemBenefit',
      request: { memberId: input.memberId, externalId: input.externalId, count: input.count },
    },
    input.memberId,
    async (run) => {
      await input.guard?.();
      // No pool read first: Wix's answer to the spend says whether the pool last seen ACTIVE still is.
      const spent = await spendOnActivePool(deps, input.memberId, async (pool) => {
        const benefit = pool.benefits.find((b) => b.itemSetId === item.itemSetId);
        if (!benefit)
          throw new AppError('OFFER_UNAVAILABLE', 'This item is not part of your rewards program');
        const done = await deps.benefits.redeemBenefit({
          poolId: pool.id,
          benefitKey: benefit.benefitKey,
          item,
          count: input.count,
          memberId: input.memberId,
          idempotencyKey: run.upstreamKey,
        });
        return { ...done, pool, benefit };
      });
      const { transactionId, replayed, pool, benefit } = spent;
      if (replayed) deps.log.info({ transactionId }, 'recovered a redemption Wix had already made');

      const now = deps.clock.now().toISOString();
      const redemption: Redemption = {
        id: deps.ids.next('rdm'),
        memberId: input.memberId,
        channel: input.channel,
        offer: {
          kind: 'benefit',
          externalId: item.externalId,
          providerAppId: item.providerAppId,
          benefitKey: benefit.benefitKey,
          poolId: pool.id,
          itemSetId: item.itemSetId,
          ...(input.catalogEntryId ? { catalogEntryId: input.catalogEntryId } : {}),
        },
        count: input.count,
        price: benefit.price * input.count,
        currency: 'tokens',
        status: input.initialStatus ?? 'PURCHASED',
        canceledReason: null,
        canceledNote: null,
        wix: { transactionId },
        externalCode: null,
        createdAt: now,
        updatedAt: now,
      };
      // The member lock is released in the transaction that records the redemption: one write fewer.
      return run.commit(redemption, (tx) =>
        tx.redemptions.insert(redemption, {
          redemptionId: redemption.id,
          status: redemption.status,
          at: now,
          actor: actorName(input.actor),
          note: null,
        }),
      );
    },
  );
}
