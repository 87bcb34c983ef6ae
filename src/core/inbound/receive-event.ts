import type { Clock } from '../clock';
import { AppError, toAppError } from '../errors';
import { claimLease, type Lease, type LeaseDeps } from '../lease';
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
  handle: () => Promise<Handled>,
): Promise<Receipt> {
  const deadline = Date.now() + WAIT_MS;
  const request = () => ({ ...event, now: deps.clock.now() });
  for (;;) {
    // The event's record and its lease are written at once: one commit for both on a store that groups
    // concurrent writes. Claiming the lease of an event that turns out handled costs a write.
    const [opened, claim] = await Promise.allSettled([
      deps.store.inboundEvents.open(request()),
      claimLease(deps, `event\n${event.source}\n${event.eventId}`, {
        leaseMs: deps.settings.idempotencyLeaseMs,
      }),
    ]);
    const claimed =
      claim.status === 'fulfilled' && claim.value.kind === 'acquired' ? claim.value.lease : null;
    if (opened.status === 'rejected' || claim.status === 'rejected') {
      await claimed?.release().catch(() => undefined);
      throw opened.status === 'rejected' ? opened.reason : (claim as PromiseRejectedResult).reason;
    }
    // It may have been handled between our look and our claim.
    const state =
      opened.value.kind !== 'done' && claimed ? await deps.store.inboundEvents.read(request()) : opened.value;
    if (state.kind === 'done') {
      await claimed?.end(deps.store.leases).catch(() => undefined);
      if (state.payloadHash !== event.payloadHash) throw reused();
      return receipt(event.eventId, state.outcome, true);
    }
    if (state.payloadHash !== event.payloadHash) {
      // Given back, not ended: the event's own attempts still count on its fence.
      await claimed?.release().catch(() => undefined);
      throw reused();
    }
    if (claimed) return handleOnce(deps, event, claimed, handle);
    const retryAfterMs = claim.value.kind === 'held' ? claim.value.retryAfterMs : POLL_MS;
    if (Date.now() > deadline) {
      throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'This event is still being handled; retry shortly.', {
        retryAfterSeconds: Math.max(1, Math.ceil(Math.min(retryAfterMs, 60_000) / 1000)),
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
