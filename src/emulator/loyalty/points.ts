import type { DocumentReader, DocumentWriter } from '../document-store';
import { newId, nextRevision, WixApiError, WixValidationError } from '../wire';
import {
  LOYALTY_ACCOUNTS,
  LOYALTY_REWARDS,
  LOYALTY_TRANSACTIONS,
  type LoyaltyAccount,
  type LoyaltyTransaction,
  type Reward,
  type TransactionType,
} from './model';

/** What it costs to redeem a reward in the base tier (the config with no `tierId`); undefined if none. */
export function baseCost(reward: Reward): number | undefined {
  const coupon = reward.couponReward;
  const configs =
    reward.type === 'DISCOUNT_AMOUNT'
      ? reward.discountAmount?.configsByTier
      : (coupon?.fixedAmount ?? coupon?.percentage ?? coupon?.freeShipping)?.configsByTier;
  return configs?.find((c) => c.tierId === undefined || c.tierId === null)?.costInPoints;
}

/** An account as returned: `rewardAvailable` says whether its balance covers some active reward now. */
export function presentAccount(reader: DocumentReader, account: LoyaltyAccount): LoyaltyAccount {
  const rewardAvailable = reader
    .all<Reward>(LOYALTY_REWARDS)
    .some((r) => r.active && (baseCost(r) ?? Number.POSITIVE_INFINITY) <= account.points.balance);
  return { ...account, rewardAvailable };
}

export function getAccountTx(reader: DocumentReader, id: string): LoyaltyAccount {
  const account = reader.get<LoyaltyAccount>(LOYALTY_ACCOUNTS, id);
  if (!account)
    throw new WixApiError(404, 'ACCOUNT_NOT_FOUND', 'Loyalty account not found', { accountId: id });
  return account;
}

/** 428 NOT_ENOUGH_POINTS; `data: {accountId, available, requested}` (Wix documents no code for this). */
export const notEnoughPoints = (account: LoyaltyAccount, requested: number) =>
  new WixApiError(428, 'NOT_ENOUGH_POINTS', 'The loyalty account does not have enough points', {
    accountId: account.id,
    available: account.points.balance,
    requested,
  });

/** Loyalty points are int32 JSON numbers. */
export function pointsInt(value: unknown, field: string, rule: { min?: number } = {}): number {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    (rule.min !== undefined && value < rule.min)
  ) {
    const description = rule.min === undefined ? 'must be an integer' : `must be an integer >= ${rule.min}`;
    throw new WixValidationError([{ field, description, violatedRule: 'FORMAT' }]);
  }
  return value;
}

export interface PointsChange {
  type: Exclude<TransactionType, 'EXPIRE' | 'REFUND'>;
  /** Signed change to the balance. */
  delta: number;
  description?: string | undefined;
  idempotencyKey?: string | undefined;
  info: Pick<LoyaltyTransaction, 'earnInfo' | 'redeemInfo' | 'adjustInfo'>;
}

/**
 * The one way points move: updates the totals, bumps the revision and writes the matching loyalty
 * transaction, in the caller's transaction. A change that would make the balance negative throws
 * NOT_ENOUGH_POINTS before anything is written.
 */
export function applyPoints(
  tx: DocumentWriter,
  account: LoyaltyAccount,
  change: PointsChange,
  now: string,
): { account: LoyaltyAccount; transaction: LoyaltyTransaction } {
  const before = account.points;
  const balance = before.balance + change.delta;
  if (balance < 0) throw notEnoughPoints(account, -change.delta);
  const points = {
    ...before,
    balance,
    earned: before.earned + (change.type === 'EARN' ? change.delta : 0),
    adjusted: before.adjusted + (change.type === 'ADJUST' ? change.delta : 0),
    redeemed: before.redeemed + (change.type === 'REDEEM' ? -change.delta : 0),
  };
  const transaction: LoyaltyTransaction = {
    id: newId(),
    accountId: account.id,
    createdDate: now,
    amount: change.delta,
    transactionType: change.type,
    description: change.description ?? '',
    ...(change.idempotencyKey ? { idempotencyKey: change.idempotencyKey } : {}),
    ...change.info,
  };
  // Tier points are earned + adjusted (lifetime here; Wix uses a rolling window).
  const tierPoints = Math.max(0, points.earned + points.adjusted);
  const updated = presentAccount(tx, {
    ...account,
    points,
    revision: nextRevision(account.revision),
    updatedDate: now,
    lastActivityDate: now,
    tier: {
      ...account.tier,
      points: tierPoints,
      updatedDate: tierPoints === account.tier.points ? account.tier.updatedDate : now,
    },
  });
  tx.put(LOYALTY_ACCOUNTS, updated);
  tx.put(LOYALTY_TRANSACTIONS, transaction);
  return { account: updated, transaction };
}
