import { deterministicUuid } from '../ids';
import type { Handled } from '../inbound/receive-event';
import type { VisitCredit } from '../ports/token-credits';
import { cachedActivePoolId, onActivePool } from './active-pool-id';
import { localDayOf, type TokenDeps } from './rules';

export interface GymVisit {
  /** The integration that sent it and its event id: the visit's identity. */
  source: string;
  eventId: string;
  memberId: string;
  visitedAt: Date;
}

/**
 * A member visits the gym (seed step 5): +1 token on their ACTIVE pool, at most N per local day. The cap is a
 * slot claimed atomically in the store, the token a Wix change keyed by the event, so a re-delivered event
 * or a re-scan at the door gives nothing more.
 */
export async function issueVisitToken(deps: TokenDeps, visit: GymVisit): Promise<Handled> {
  const localDay = localDayOf(visit.visitedAt, deps.tokens.timeZone);
  // A retry of an event that claimed its slot but crashed before Wix answered: finish that token.
  const claimed = await deps.store.visitCredits.findByEvent(visit.source, visit.eventId);
  if (claimed) return giveToken(deps, claimed);

  const poolId = await cachedActivePoolId(deps, visit.memberId);
  if (!poolId) return { outcome: 'no_active_pool', details: { memberId: visit.memberId } };

  const now = deps.clock.now().toISOString();
  for (let slot = 1; slot <= deps.tokens.visitTokensPerDay; slot++) {
    const credit: VisitCredit = {
      memberId: visit.memberId,
      localDay,
      slot,
      source: visit.source,
      eventId: visit.eventId,
      poolId,
      transactionId: null,
      visitedAt: visit.visitedAt.toISOString(),
      createdAt: now,
    };
    if (await deps.store.visitCredits.claimSlot(credit)) return giveToken(deps, credit);
  }
  return {
    outcome: 'daily_cap_reached',
    details: { memberId: visit.memberId, localDay, tokensPerDay: deps.tokens.visitTokensPerDay },
  };
}

async function giveToken(deps: TokenDeps, credit: VisitCredit): Promise<Handled> {
  const given = await onActivePool(deps, credit.memberId, credit.poolId, (poolId) =>
    deps.benefits.changeBalance({
      poolId,
      delta: 1,
      idempotencyKey: deterministicUuid('visit-token', credit.source, credit.eventId),
      reason: 'Gym visit',
    }),
  );
  if (!given) {
    // The program ended: free the day's slot, nothing was given.
    await deps.store.visitCredits.remove(credit.source, credit.eventId);
    return { outcome: 'no_active_pool', details: { memberId: credit.memberId } };
  }
  const { transactionId, balance } = given.value;
  return {
    outcome: 'token_issued',
    details: { memberId: credit.memberId, localDay: credit.localDay, balance },
    // Wix's transaction id is recorded with the event's outcome: until then a retry finds the slot and
    // finishes the same keyed change.
    write: (tx) => tx.visitCredits.setTransaction(credit.source, credit.eventId, transactionId),
  };
}
