import type { CoreDeps } from '../deps';
import { beforeWixCall, type Lease } from '../lease';
import type { PointsChange } from '../ports/loyalty';

/** How many of the account's latest transactions a retry searches for its own deduction. */
const RECENT = 100;

export interface DeductionInput {
  accountId: string;
  memberId: string;
  /** Negative: points taken away. */
  delta: number;
  /** Unique per deduction (it carries our idempotency reference): how a retry recognizes it. */
  description: string;
  /** An earlier attempt may already have deducted: look for it before deducting. */
  resumed: boolean;
  /** The leases the deduction runs under: it is made only while they all still hold. */
  fence: readonly Lease[];
}

/**
 * Takes points away once although Wix's adjust has no idempotency key: the deduction carries our reference in
 * its description, and a resumed attempt that finds it there adopts it instead of deducting again. Callers
 * hold the member's debit lock, so no other deduction of ours runs in between, and the earlier attempt's
 * call is over (its deadline is shorter than the leases, which a takeover waits out: lease.ts).
 */
export async function deductPointsOnce(deps: CoreDeps, input: DeductionInput): Promise<PointsChange> {
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
