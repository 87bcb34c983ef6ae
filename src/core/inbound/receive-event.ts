import type { Clock } from '../clock';
import { AppError, toAppError } from '../errors';
import { claimOnce, type Lease, type LeaseDeps, startClaimed } from '../lease';
import type { EventOutcome } from '../ports/inbound-events';
import type { Store, StoreRepos } from '../ports/store';

export interface InboundEventDeps extends LeaseDeps {
  store: Store;
  clock: Clock;
  settings: LeaseDeps['settings'] & { idempotencyLeaseMs: number };
}

export interface InboundEvent {
  source: string;
  eventId: string;
  kind: string;
  payloadHash: string;
}

export interface Receipt extends EventOutcome {
  eventId: string;
  /** True when the event was handled before: nothing changed now, the original outcome is returned. */
  duplicate: boolean;
}

/** What a handler did; `write` (its own records) goes into the transaction that completes the event. */
export interface Handled extends EventOutcome {
  write?: (tx: StoreRepos) => Promise<void>;
}

/** An event's work, run once its id is this delivery's. */
export interface EventWork {
  /**
   * Claims the work must hold before its first Wix call (a day's visit slot, say), made in the transaction
   * that claims the event: one commit for both, and no wait between them. Runs only when the event is this
   * delivery's to handle and no earlier holder's Wix call is to be waited out first; `handle` finds out
   * from what `reserve` kept whether it ran.
   */
  reserve?: (tx: StoreRepos) => Promise<void>;
  handle: () => Promise<Handled>;
}

/** How long a duplicate waits for the delivery being handled to finish before asking the sender to retry. */
const WAIT_MS = 5_000;
const POLL_MS = 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every inbound event is handled once, forever, per source: the event id is recorded and leased (lease.ts)
 * before any work; a duplicate (now or days later, concurrently or not) gets the original outcome and changes nothing.
 * A retryable failure releases the lease so the sender's retry handles the event again; handlers key every
 * Wix call by the event, so a retry after a crash never gives twice.
 */
export async function receiveEvent(
  deps: InboundEventDeps,
  event: InboundEvent,
  { reserve, handle }: EventWork,
): Promise<Receipt> {
  const name = `event\n${event.source}\n${event.eventId}`;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    // The event's lease, its record and the work's own claims land in one transaction: one commit.
    const { claim, state } = await deps.store.transaction(async (tx) => {
      // The lease first: completing an event ends its lease, so once the lease is ours no other attempt
      // can complete the event, and what the record says next stands.
      const claim = await claimOnce(deps, tx.leases, name, { leaseMs: deps.settings.idempotencyLeaseMs });
      const state = await tx.inboundEvents.open({ ...event, now: deps.clock.now() });
      if (claim.kind === 'held') return { claim, state };
      if (state.kind === 'done') await claim.lease.end(tx.leases);
      // Given back, not ended: the event's own attempts still count on its fence.
      else if (state.payloadHash !== event.payloadHash) await claim.lease.releaseWith(tx.leases);
      else if (!claim.priorWixCallAt) await reserve?.(tx);
      return { claim, state };
    });
    if (state.kind === 'done') {
      if (state.payloadHash !== event.payloadHash) throw reused();
      return receipt(event.eventId, state.outcome, true);
    }
    if (state.payloadHash !== event.payloadHash) {
      if (claim.kind === 'acquired') claim.lease.releaseCommitted();
      throw reused();
    }
    if (claim.kind === 'acquired') {
      await startClaimed(deps, claim);
      return handleOnce(deps, event, claim.lease, handle);
    }
    if (Date.now() > deadline) {
      throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'This event is still being handled; retry shortly.', {
        retryAfterSeconds: Math.max(1, Math.ceil(Math.min(claim.retryAfterMs, 60_000) / 1000)),
      });
    }
    await sleep(POLL_MS);
  }
}

async function handleOnce(
  deps: InboundEventDeps,
  event: InboundEvent,
  lease: Lease,
  handle: () => Promise<Handled>,
): Promise<Receipt> {
  let handled: Handled;
  try {
    handled = await handle();
  } catch (thrown) {
    await lease.release();
    throw toAppError(thrown);
  }
  const { write, ...outcome } = handled;
  const stored = await deps.store
    .transaction(async (tx) => {
      await lease.end(tx.leases);
      if (write) await write(tx);
      await tx.inboundEvents.complete(event.source, event.eventId, outcome, deps.clock.now());
    })
    .then(
      () => true,
      () => false,
    );
  // If a retry took the event over meanwhile, its outcome is the one kept; ours was keyed alike.
  if (!stored) deps.log.warn({ source: event.source, eventId: event.eventId }, 'event taken over meanwhile');
  return receipt(event.eventId, outcome, false);
}

/** The wire order: eventId, outcome, duplicate, details. */
const receipt = (eventId: string, { outcome, details }: EventOutcome, duplicate: boolean): Receipt => ({
  eventId,
  outcome,
  duplicate,
  ...(details ? { details } : {}),
});

const reused = () =>
  new AppError('IDEMPOTENCY_KEY_REUSED', 'This event id was already used for a different payload.');
