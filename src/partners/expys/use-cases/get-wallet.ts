import type { CoreDeps } from '../../../core/deps';
import { findLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import type { Currency } from '../../../core/redemption';

/** A member's balance in one currency, with what came in and went out over its life. */
export interface Wallet {
  currency: Currency;
  /** How the site names the unit (`Tokens`, `Points`). */
  unit: string;
  balance: number;
  received: number;
  spent: number;
}

/** How many token transactions the totals add up (the balance itself always comes from Wix). */
export const LEDGER_WINDOW = 1000;

/**
 * Points come from the member's Wix Loyalty account (its own running totals); tokens from their ACTIVE
 * pool's balance, with totals summed over its ledger. No program or account yet is an empty wallet.
 */
export async function getWallet(deps: CoreDeps, memberId: string, currency: Currency): Promise<Wallet> {
  if (currency === 'points') {
    const account = await findLoyaltyAccount(deps, memberId);
    if (!account) return { currency, unit: 'Points', balance: 0, received: 0, spent: 0 };
    return {
      currency,
      unit: 'Points',
      balance: account.balance,
      received: account.earned + Math.max(0, account.adjusted),
      spent: account.redeemed + Math.max(0, -account.adjusted),
    };
  }
  const pool = await deps.benefits.findActivePool(memberId);
  if (!pool) return { currency, unit: 'Tokens', balance: 0, received: 0, spent: 0 };
  const [balance, ledger] = await Promise.all([
    deps.benefits.getBalance(pool.id),
    deps.benefits.listTransactions(pool.id, LEDGER_WINDOW),
  ]);
  const sum = (sign: 1 | -1) =>
    ledger.reduce((total, t) => (Math.sign(t.amount) === sign ? total + Math.abs(t.amount) : total), 0);
  return { currency, unit: pool.unitDisplayName ?? 'Tokens', balance, received: sum(1), spent: sum(-1) };
}
