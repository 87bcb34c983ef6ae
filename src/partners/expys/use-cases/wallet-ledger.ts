import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { findLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import type { Currency } from '../../../core/redemption';
import { LEDGER_WINDOW } from './get-wallet';

/** One movement of a member's balance, as Wix recorded it. */
export interface LedgerEntry {
  id: string;
  type: 'credit' | 'debit';
  /** Always positive; `type` says which way. */
  amount: number;
  createdAt: string;
  reason: string | null;
  /** The channel's redemption this debit paid for, or this refund gave back. */
  redemptionId: string | null;
}

export interface LedgerPage {
  items: LedgerEntry[];
  nextCursor: string | null;
}

export interface ListWalletTransactionsInput {
  memberId: string;
  currency: Currency;
  /** Redemptions of this channel are named on the entries they caused. */
  channel: string;
  limit: number;
  cursor?: string | null;
}

/** How many of the member's redemptions are searched for the ones that caused the entries. */
const REDEMPTION_PAGES = 10;

/**
 * The member's ledger in one currency, newest first: Wix's own transactions (Loyalty for points, the ACTIVE
 * pool for tokens), each debit and refund tied to the redemption of this channel that caused it. Paging is
 * a keyset over (time, id) within the latest LEDGER_WINDOW transactions.
 */
export async function listWalletTransactions(
  deps: CoreDeps,
  input: ListWalletTransactionsInput,
): Promise<LedgerPage> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 100) {
    throw new AppError('VALIDATION', 'limit must be between 1 and 100');
  }
  const after = input.cursor ? decodeLedgerCursor(input.cursor) : null;
  const [movements, causes] = await Promise.all([
    movementsOf(deps, input.memberId, input.currency),
    redemptionsByTransaction(deps, input.memberId, input.channel),
  ]);
  const ordered = movements
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .filter((m) => !after || m.createdAt < after[0] || (m.createdAt === after[0] && m.id < after[1]));
  const page = ordered.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((m) => ({
      id: m.id,
      type: m.amount >= 0 ? 'credit' : 'debit',
      amount: Math.abs(m.amount),
      createdAt: m.createdAt,
      reason: m.reason,
      redemptionId: causes.get(m.id) ?? (m.reference ? causes.get(m.reference) : undefined) ?? null,
    })),
    nextCursor: ordered.length > input.limit && last ? encodeLedgerCursor([last.createdAt, last.id]) : null,
  };
}

interface Movement {
  id: string;
  amount: number;
  createdAt: string;
  reason: string | null;
  /** Another id the entry is known by (a loyalty redeem names its coupon). */
  reference: string | null;
}

async function movementsOf(deps: CoreDeps, memberId: string, currency: Currency): Promise<Movement[]> {
  if (currency === 'points') {
    const account = await findLoyaltyAccount(deps, memberId);
    if (!account) return [];
    const transactions = await deps.loyalty.listTransactions(account.id, LEDGER_WINDOW);
    return transactions.map((t) => ({
      id: t.id,
      amount: t.amount,
      createdAt: t.createdAt,
      reason: t.description || null,
      reference: t.referenceEntityId,
    }));
  }
  const pool = await deps.benefits.findActivePool(memberId);
  if (!pool) return [];
  const transactions = await deps.benefits.listTransactions(pool.id, LEDGER_WINDOW);
  return transactions.map((t) => ({ ...t, reference: null }));
}

/** Wix transaction (and coupon) ids of the member's redemptions in the channel → redemption id. */
async function redemptionsByTransaction(deps: CoreDeps, memberId: string, channel: string) {
  const causes = new Map<string, string>();
  let cursor: string | null = null;
  for (let pages = 0; pages < REDEMPTION_PAGES; pages++) {
    const page = await deps.store.redemptions.list({ memberId, channel, limit: 100, cursor });
    for (const r of page.items) {
      for (const id of [r.wix.transactionId, r.wix.refundTransactionId, r.wix.couponId]) {
        if (id) causes.set(id, r.id);
      }
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return causes;
}

const encodeLedgerCursor = (key: [string, string]) => Buffer.from(JSON.stringify(key)).toString('base64url');

function decodeLedgerCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return [parsed[0], parsed[1]];
    }
  } catch {
    // falls through to the error below
  }
  throw new AppError('VALIDATION', 'Invalid cursor', { details: { field: 'cursor' } });
}
