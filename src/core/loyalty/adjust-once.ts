import type { CoreDeps } from '../deps';
import { beforeWixCall, type Lease } from '../lease';
import type { PointsChange } from '../ports/loyalty';

/** How many of the account's latest transactions a retry searches for its own adjustment. */
const RECENT = 100;

export interface AdjustmentInput {
  accountId: string;
  memberId: string;
  /** Points added (positive) or taken away (negative). */
  delta: number;
  /** Unique per adjustment (it carries our idempotency reference): how a retry recognizes it. */
  description: string;
  /** An earlier attempt may already have adjusted: look for it before adjusting. */
  resumed: boolean;
  /** The leases the deduction runs under: it is made only while they all still hold. */
  fence: readonly Lease[];
}

/**
 * Adjusts points once although Wix's adjust has no idempotency key: the adjustment carries our reference in
 * its description, and a resumed attempt that finds it there adopts it instead of adjusting again. Callers
 * hold the member's debit lock, so no other adjustment of ours runs in between, and the earlier attempt's
 * call is over (its deadline is shorter than the leases, which a takeover waits out: lease.ts).
 */
export async function adjustPointsOnce(deps: CoreDeps, input: AdjustmentInput): Promise<PointsChange> {
  if (input.resumed) {
    const recent = await deps.loyalty.listTransactions(input.accountId, RECENT);
    const done = recent.find((t) => t.description === input.description);
    const account = done && (await deps.loyalty.getAccountByMember(input.memberId));
    if (done && account) return { account, transactionId: done.id };
  }
  await beforeWixCall(input.fence);
  return deps.loyalty.adjustPoints({
    accountId: input.accountId,
    delta: input.delta,
    description: input.description,
  });
}
