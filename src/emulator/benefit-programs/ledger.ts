import type { DocumentWriter } from '../document-store';
import { newId, nextRevision, WixApiError } from '../wire';
import {
  type Balance,
  C,
  fromUnits,
  type Identity,
  type Pointer,
  type Pool,
  type ProgramStatus,
  stamp,
  type Transaction,
  toUnits,
} from './shapes';

export interface BalanceChange {
  pool: Pool;
  balance: Balance;
  /** Signed change of the available amount, in units. */
  deltaUnits: number;
  idempotencyKey: string;
  now: Date;
  instructingParty?: Identity | undefined;
  details?: Record<string, unknown>;
  relatedTransactionId?: string | null;
  /** A zero change still needs a direction; redemptions are debits. */
  debit?: boolean;
}

export const availableUnits = (balance: Balance): number =>
  toUnits(balance.amount.available, 'balance.amount.available');

/** The PoolInfo a transaction carries. */
function transactionPool(pool: Pool, balance: Balance): Transaction['pool'] {
  return {
    id: pool.id,
    poolDefinitionId: pool.poolDefinitionId,
    programDefinitionId: pool.programDefinitionId,
    externalProgramDefinitionId: pool.programDefinition?.externalId ?? null,
    programId: pool.programId,
    externalProgramId: pool.program.externalId,
    creditAmount: balance.poolInfo.creditAmount,
    namespace: pool.namespace,
    displayName: pool.displayName,
  };
}

export function notEnoughBalance(poolId: string, availableUnits: number, requestedUnits: number, extra = {}) {
  const available = fromUnits(availableUnits);
  const requested = fromUnits(requestedUnits);
  return new WixApiError(428, 'NOT_ENOUGH_BALANCE', 'Not enough balance', {
    poolId,
    ...extra,
    availableBalance: available,
    requestedBalance: requested,
    // The balances module types this error as {balance, requested}; carry both shapes.
    balance: { available, reserved: '0' },
    requested,
  });
}

/**
 * Moves credits in or out of a pool's balance and records the transaction. The balance never goes below
 * zero: that is the one invariant every caller relies on.
 */
export function applyChange(
  tx: DocumentWriter,
  change: BalanceChange,
): { balance: Balance; transaction: Transaction } {
  const { pool, balance, deltaUnits, now } = change;
  const before = availableUnits(balance);
  const after = before + deltaUnits;
  if (after < 0) throw notEnoughBalance(pool.id, before, -deltaUnits);
  const debit = deltaUnits < 0 || (deltaUnits === 0 && change.debit === true);
  const transaction: Transaction = {
    ...stamp(now),
    pool: transactionPool(pool, balance),
    amount: fromUnits(Math.abs(deltaUnits)),
    source: debit ? 'AVAILABLE' : 'EXTERNAL',
    target: debit ? 'EXTERNAL' : 'AVAILABLE',
    idempotencyKey: change.idempotencyKey,
    relatedTransactionId: change.relatedTransactionId ?? null,
    beneficiary: pool.beneficiary,
    instructingParty: change.instructingParty ?? null,
    status: 'COMPLETED',
    details: { effectiveDate: now.toISOString(), ...change.details },
    externalId: null,
  };
  const updated: Balance = {
    ...balance,
    revision: nextRevision(balance.revision),
    updatedDate: now.toISOString(),
    amount: { ...balance.amount, available: fromUnits(after) },
    lastTransactionId: transaction.id,
  };
  tx.put(C.transactions, transaction);
  tx.put(C.balances, updated);
  return { balance: updated, transaction };
}

/** A recorded result of an idempotent operation, or undefined the first time the key is seen. */
export const recalled = (tx: DocumentWriter, id: string): string | undefined =>
  tx.get<Pointer>(C.idempotency, id)?.target;

export const remember = (tx: DocumentWriter, id: string, target: string): void => {
  tx.put<Pointer>(C.idempotency, { id, target });
};

/** Sets the status on a pool and on its balance's poolInfo. */
export function setPoolStatus(tx: DocumentWriter, pool: Pool, status: ProgramStatus, now: Date): Pool {
  const updated: Pool = {
    ...pool,
    status,
    revision: nextRevision(pool.revision),
    updatedDate: now.toISOString(),
  };
  tx.put(C.pools, updated);
  const balance = tx.get<Balance>(C.balances, pool.id);
  if (balance) tx.put(C.balances, { ...balance, poolInfo: { ...balance.poolInfo, status } });
  return updated;
}

export const jobId = (): string => newId();
