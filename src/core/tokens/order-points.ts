import type { CoreDeps } from '../deps';
import type { OrderCredit } from '../ports/token-credits';

/** Marks the adjustment in Wix, so a retry after a crash finds it instead of taking the points twice. */
const refundNote = (credit: OrderCredit) => `Refund of order ${credit.source}/${credit.orderId}`;

/**
 * Takes back the points an order earned, never below zero. Wix Loyalty adjustments have no idempotency key:
 * the order row's status makes this run once, and a resumed run adopts an adjustment it finds by its note.
 */
export async function reverseOrderPoints(
  deps: CoreDeps,
  credit: OrderCredit,
): Promise<{ reversed: number; shortfall: number }> {
  if (credit.pointsIssued === 0 || !credit.memberId) return { reversed: 0, shortfall: 0 };
  const account = await deps.loyalty.getAccountByMember(credit.memberId);
  if (!account) return { reversed: 0, shortfall: credit.pointsIssued };
  const note = refundNote(credit);
  const recent = await deps.loyalty.listTransactions(account.id, 50);
  const done = recent.find((t) => t.type === 'ADJUST' && t.description === note);
  const take = done ? -done.amount : Math.min(credit.pointsIssued, Math.max(0, account.balance));
  if (!done && take > 0) {
    await deps.loyalty.adjustPoints({ accountId: account.id, delta: -take, description: note });
  }
  return { reversed: take, shortfall: credit.pointsIssued - take };
}
