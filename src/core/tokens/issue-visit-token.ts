import { deterministicUuid } from '../ids';
import type { EventWork, Handled } from '../inbound/receive-event';
import type { VisitCredit, VisitCreditRepo } from '../ports/token-credits';
import { cachedActivePoolId, onActivePool } from './active-pool-id';
import { localDayOf, type TokenDeps } from './rules';

export interface GymVisit {
  /** The integration that sent it and its event id: the visit's identity. */
  source: string;
  eventId: string;
  memberId: string;
  visitedAt: Date;
}

/** The day's slot this visit holds, or why it holds none. */
type Slot =
  | { kind: 'slot'; credit: VisitCredit }
  | { kind: 'daily_cap_reached'; localDay: string }
  | { kind: 'no_active_pool' };

/**
 * A member visits the gym (seed step 5): +1 token on their ACTIVE pool, at most N per local day. The cap is a
 * slot claimed atomically in the store, the token a Wix change keyed by the event, so a re-delivered event
 * or a re-scan at the door gives nothing more.
 *
 * The member's pool is looked up before the event is claimed, so that the slot is claimed in the event's
 * own receipt transaction (one commit, no wait between them before the Wix call). A lookup that fails is
 * left to the work, which looks again; a duplicate never runs it.
 */
export async function visitTokenWork(deps: TokenDeps, visit: GymVisit): Promise<EventWork> {
  const localDay = localDayOf(visit.visitedAt, deps.tokens.timeZone);
  const looked = await cachedActivePoolId(deps, visit.memberId).then(
    (poolId) => ({ poolId }),
    () => null,
  );
  const poolOf = looked ? async () => looked.poolId : () => cachedActivePoolId(deps, visit.memberId);
  let reserved: Slot | null = null;
  return {
    reserve: looked?.poolId
      ? async (tx) => {
          reserved = await slotOf(deps, tx.visitCredits, visit, localDay, poolOf);
        }
      : undefined,
    handle: async () => {
      const slot = reserved ?? (await slotOf(deps, deps.store.visitCredits, visit, localDay, poolOf));
      return tokenFor(deps, visit, slot);
    },
  };
}

/** The slot an earlier attempt of this visit claimed (finish its token), else the day's first free one. */
async function slotOf(
  deps: TokenDeps,
  credits: VisitCreditRepo,
  visit: GymVisit,
  localDay: string,
  poolOf: () => Promise<string | undefined>,
): Promise<Slot> {
  // A retry of an event that claimed its slot but crashed before Wix answered: finish that token.
  const claimed = await credits.findByEvent(visit.source, visit.eventId);
  if (claimed) return { kind: 'slot', credit: claimed };

  const poolId = await poolOf();
  if (!poolId) return { kind: 'no_active_pool' };

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
    if (await credits.claimSlot(credit)) return { kind: 'slot', credit };
  }
  return { kind: 'daily_cap_reached', localDay };
}

function tokenFor(deps: TokenDeps, visit: GymVisit, slot: Slot): Promise<Handled> | Handled {
  switch (slot.kind) {
    case 'slot':
      return giveToken(deps, slot.credit);
    case 'no_active_pool':
      return { outcome: 'no_active_pool', details: { memberId: visit.memberId } };
    case 'daily_cap_reached':
      return {
        outcome: 'daily_cap_reached',
        details: {
          memberId: visit.memberId,
          localDay: slot.localDay,
          tokensPerDay: deps.tokens.visitTokensPerDay,
        },
      };
  }
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
