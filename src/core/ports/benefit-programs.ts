/** What the core needs from Wix Benefit Programs. Implemented over the real SDK in src/wix. */

export interface ItemRef {
  externalId: string;
  providerAppId: string;
  category?: string | null;
}

export interface BenefitView {
  benefitKey: string;
  itemSetId: string;
  price: number;
  displayName: string | null;
}

export type PoolStatus = 'ACTIVE' | 'PAUSED' | 'ENDED' | 'PROVISIONING' | 'RENEWING' | 'PENDING';

export interface PoolView {
  id: string;
  programId: string;
  status: PoolStatus;
  memberId: string | null;
  benefits: BenefitView[];
  unitDisplayName: string | null;
}

export interface ItemView extends ItemRef {
  id: string;
  itemSetId: string;
  displayName: string | null;
}

export type ProgramStatus =
  | 'ACTIVE'
  | 'PAUSED'
  | 'ENDED'
  | 'PROVISIONING'
  | 'PAUSING'
  | 'RESUMING'
  | 'ENDING';

export interface ProgramView {
  id: string;
  status: ProgramStatus;
  externalId: string | null;
  memberId: string | null;
}

export type EligibilityVerdict =
  | { eligible: true; benefitKey: string; price: number }
  | {
      eligible: false;
      reason: 'NOT_ENOUGH_BALANCE' | 'POOL_NOT_ACTIVE' | 'BENEFIT_NOT_FOUND' | 'POOL_NOT_FOUND' | 'POLICY';
      available?: number;
      requested?: number;
    };

/** One movement of a pool's balance. */
export interface PoolTransactionView {
  id: string;
  /** Signed: positive credits the pool, negative debits it. */
  amount: number;
  createdAt: string;
  reason: string | null;
  /** For a revert: the transaction it gave back. */
  relatedTransactionId: string | null;
}

export interface BenefitProgramsGateway {
  /** The member's ACTIVE pool in the app's namespace (seed step 5/6), if any. */
  findActivePool(memberId: string): Promise<PoolView | undefined>;
  /**
   * With `maxAgeMs`, an ACTIVE pool read at most that long ago may be answered from memory: the spend path's
   * Wix call says when it no longer is active (and the pool is then read afresh).
   */
  getPool(poolId: string, options?: { maxAgeMs?: number }): Promise<PoolView | undefined>;
  listPools(programId: string): Promise<PoolView[]>;
  findItem(ref: ItemRef): Promise<ItemView | undefined>;
  /** Items of the given item sets (the merchandise behind a pool's benefits). */
  listItems(itemSetIds: string[]): Promise<ItemView[]>;
  getBalance(poolId: string): Promise<number>;
  checkEligibility(poolId: string, items: ItemRef[], count: number): Promise<EligibilityVerdict[]>;
  /**
   * Redeems with a caller-chosen idempotency key. A key Wix has already seen is not an error: the original
   * transaction is looked up and returned with `replayed: true`.
   */
  redeemBenefit(input: {
    poolId: string;
    benefitKey: string;
    item: ItemRef;
    count: number;
    memberId: string;
    idempotencyKey: string;
  }): Promise<{ transactionId: string; replayed: boolean }>;
  /** Adds (positive) or removes (negative) credits; a repeated key changes nothing. */
  changeBalance(input: {
    poolId: string;
    delta: number;
    idempotencyKey: string;
    reason: string;
  }): Promise<{ transactionId: string; balance: number }>;
  /** Gives back what a transaction took; reverting twice is not an error (`alreadyReverted: true`). */
  revertBalanceChange(
    transactionId: string,
    idempotencyKey: string,
  ): Promise<{ transactionId: string | null; alreadyReverted: boolean }>;
  /** The pool's latest transactions, newest first (at most `limit`). */
  listTransactions(poolId: string, limit: number): Promise<PoolTransactionView[]>;
  /** Provisions a program; an existing one with that external id is returned with `created: false`. */
  provisionProgram(input: {
    programDefinitionId: string;
    memberId: string;
    externalProgramId: string;
  }): Promise<{ program: ProgramView; created: boolean }>;
  getProgram(programId: string): Promise<ProgramView | undefined>;
  renewProgram(programId: string, idempotencyKey: string): Promise<void>;
  endProgram(programId: string): Promise<void>;
}
