import { activePoolOf } from '../../../core/benefits/active-pool';
import { type Actor, actorName, type CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { type IdempotentResult, runIdempotent } from '../../../core/idempotency';
import { openLoyaltyAccount } from '../../../core/loyalty/loyalty-account';
import type { StoreRepos } from '../../../core/ports/store';
import type { Currency } from '../../../core/redemption';

export interface CreditWalletInput {
  memberId: string;
  currency: Currency;
  amount: number;
  reason: string | null;
  idempotencyKey: string;
  /** Where the request came from (an integration name): part of the idempotency scope. */
  channel: string;
  actor: Actor;
  /** Writes what the credit announces (an outbox row) in the transaction that completes the key. */
  announce?: (tx: StoreRepos, credit: WalletCredit) => Promise<void>;
}

export interface WalletCredit {
  memberId: string;
  currency: Currency;
  amount: number;
  balance: number;
  transactionId: string;
  reason: string | null;
}

/**
 * A partner mints points (or tokens) for a member, once per idempotency key: Wix applies our derived key
 * once (Loyalty earn, Benefit Programs changeBalance), so a retry after a crash adds nothing more, and the
 * announcement commits with the key, so it is written exactly once too.
 */
export async function creditWallet(
  deps: CoreDeps,
  input: CreditWalletInput,
): Promise<IdempotentResult<WalletCredit>> {
  if (!Number.isInteger(input.amount) || input.amount < 1) {
    throw new AppError('VALIDATION', 'amount must be a whole number of at least 1');
  }
  const reason = input.reason ?? `credit from ${input.channel}`;
  return runIdempotent<WalletCredit>(
    deps,
    {
      scope: `${input.channel}:${actorName(input.actor)}`,
      key: input.idempotencyKey,
      operation: 'creditWallet',
      request: { memberId: input.memberId, currency: input.currency, amount: input.amount, reason },
    },
    async (run) => {
      const change =
        input.currency === 'points'
          ? await creditPoints(deps, input.memberId, input.amount, reason, run.upstreamKey)
          : await creditTokens(deps, input.memberId, input.amount, reason, run.upstreamKey);
      const credit: WalletCredit = {
        memberId: input.memberId,
        currency: input.currency,
        amount: input.amount,
        balance: change.balance,
        transactionId: change.transactionId,
        reason: input.reason,
      };
      const announce = input.announce;
      return run.commit(credit, announce && ((tx) => announce(tx, credit)));
    },
  );
}

async function creditPoints(deps: CoreDeps, memberId: string, amount: number, reason: string, key: string) {
  const account = await openLoyaltyAccount(deps, memberId);
  const change = await deps.loyalty.earnPoints({
    accountId: account.id,
    amount,
    idempotencyKey: key,
    description: reason,
  });
  return { balance: change.account.balance, transactionId: change.transactionId };
}

async function creditTokens(deps: CoreDeps, memberId: string, amount: number, reason: string, key: string) {
  const pool = await activePoolOf(deps, memberId);
  return deps.benefits.changeBalance({ poolId: pool.id, delta: amount, idempotencyKey: key, reason });
}
