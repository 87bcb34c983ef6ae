import type { Clock } from '../clock';
import type { OutboundEvent, RedemptionEventRef } from '../ports/outbox';
import type { Store } from '../ports/store';
import type { Redemption, RedemptionEvent } from '../redemption';

/** What one status event means to a partner: zero or more outbound events (the surface's own names). */
export type DescribeRedemptionEvent = (input: {
  redemption: Redemption;
  /** The redemption's whole history, in order; `seq` is 1-based into it. */
  history: RedemptionEvent[];
  seq: number;
  /** The partner's id for the member, when it linked one. */
  externalUserId: string | null;
}) => OutboundEvent[];

export interface DispatchDeps {
  store: Store;
  clock: Clock;
}

const BATCH = 100;
/** Batches per pass: a backlog drains over several passes instead of one long one. */
const MAX_BATCHES = 20;

/**
 * Turns committed redemption status events into queued deliveries. Each event is claimed and its deliveries
 * are queued in one transaction, so a crash leaves it either undone (picked up again) or done — never
 * half. Channels nobody listens to (the site, the dashboard, other partners) are marked in bulk.
 */
export async function dispatchRedemptionEvents(deps: DispatchDeps, describe: DescribeRedemptionEvent) {
  let queued = 0;
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const refs = await deps.store.outbox.undispatched(BATCH);
    const listened = new Map<string, boolean>();
    for (const ref of refs) {
      let listening = listened.get(ref.channel);
      if (listening === undefined) {
        listening = (await deps.store.outbox.listEndpoints(ref.channel)).some((e) => !e.disabledAt);
        listened.set(ref.channel, listening);
        if (!listening) await deps.store.outbox.skipChannel(ref.channel, deps.clock.now());
      }
      if (listening) queued += await dispatchOne(deps, describe, ref);
    }
    if (refs.length < BATCH) break;
  }
  return queued;
}

async function dispatchOne(deps: DispatchDeps, describe: DescribeRedemptionEvent, ref: RedemptionEventRef) {
  return deps.store.transaction(async (tx) => {
    const now = deps.clock.now();
    if (!(await tx.outbox.claimDispatch(ref, now))) return 0;
    const redemption = await tx.redemptions.get(ref.redemptionId);
    if (!redemption) return 0;
    const history = await tx.redemptions.events(redemption.id);
    const externalUserId = (await tx.members.externalIdOf(redemption.channel, redemption.memberId)) ?? null;
    let count = 0;
    for (const event of describe({ redemption, history, seq: ref.seq, externalUserId })) {
      count += await tx.outbox.enqueue(redemption.channel, event, now);
    }
    return count;
  });
}
