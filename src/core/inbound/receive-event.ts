import type { Clock } from '../clock';
import { AppError, toAppError } from '../errors';
import type { EventOutcome } from '../ports/inbound-events';
import type { Store } from '../ports/store';

export interface InboundEventDeps {
  store: Store;
  clock: Clock;
  settings: { idempotencyLeaseMs: number };
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

/** How long a duplicate waits for the delivery being handled to finish before asking the sender to retry. */
const WAIT_MS = 5_000;
const POLL_MS = 15;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Every inbound event is handled once, forever, per source: the event id is claimed atomically before any
 * work; a duplicate (now or days later, concurrently or not) gets the original outcome and changes nothing.
 * A retryable failure forgets the claim so the sender's retry handles the event afresh; handlers key every
 * Wix call by the event, so a retry after a crash never gives twice.
 */
export async function receiveEvent(
  deps: InboundEventDeps,
  event: InboundEvent,
  handle: () => Promise<EventOutcome>,
): Promise<Receipt> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const claim = await deps.store.inboundEvents.claim({
      ...event,
      now: deps.clock.now(),
      leaseMs: deps.settings.idempotencyLeaseMs,
    });
    if (claim.kind === 'done') {
      if (claim.payloadHash !== event.payloadHash) throw reused();
      return receipt(event.eventId, claim.outcome, true);
    }
    if (claim.kind === 'acquired') return handleOnce(deps, event, claim.owner, handle);
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
  owner: string,
  handle: () => Promise<EventOutcome>,
): Promise<Receipt> {
  let outcome: EventOutcome;
  try {
    outcome = await handle();
  } catch (thrown) {
    await deps.store.inboundEvents.release(event.source, event.eventId, owner);
    throw toAppError(thrown);
  }
  // If a retry took the event over meanwhile, its outcome is the one kept; ours was keyed alike.
  await deps.store.inboundEvents.complete(event.source, event.eventId, owner, outcome, deps.clock.now());
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
