import type { DocumentReader } from '../document-store';
import { decimal, decimalString, newId, WixApiError, WixValidationError } from '../wire';

/** Collections of the local Benefit Programs. Entity documents are stored exactly as the REST wire returns them. */
export const C = {
  programDefinitions: 'bp.programDefinitions',
  poolDefinitions: 'bp.poolDefinitions',
  items: 'bp.items',
  programs: 'bp.programs',
  pools: 'bp.pools',
  balances: 'bp.balances',
  transactions: 'bp.transactions',
  // Internal indexes, never returned.
  /** item externalId → item ids (IdList). */
  itemRefs: 'bp.itemRefs',
  /** programId → pool ids (IdList). */
  programPools: 'bp.programPools',
  /** namespace + externalProgramId → programId (Pointer). */
  programKeys: 'bp.programKeys',
  /** operation + scope + idempotency key → transaction or job id (Pointer). */
  idempotency: 'bp.idempotency',
  /** reverted transaction id → the reversing transaction id (Pointer). */
  reverts: 'bp.reverts',
} as const;

export type Identity = { memberId?: string; wixUserId?: string; anonymousVisitorId?: string };
export type ItemReference = { externalId: string; category?: string; providerAppId?: string };

export type Benefit = {
  benefitKey: string;
  itemSetId: string;
  price: string | null;
  providerAppId?: string | null;
  displayName?: string | null;
  description?: string | null;
  additionalData?: Record<string, unknown> | null;
};

export type CreditConfiguration = {
  amount: string;
  rolloverConfiguration: { enabled?: boolean | null; balanceCap?: string | null };
  unitDisplayName: string | null;
  unitType: string | null;
};

export type Details = {
  benefits: Benefit[];
  creditConfiguration: CreditConfiguration | null;
  additionalData: Record<string, unknown> | null;
};

type Stamped = { id: string; revision: string; createdDate: string; updatedDate: string };
type DefinitionRef = { id: string; externalId: string | null };

export type ProgramDefinition = Stamped & {
  displayName: string | null;
  namespace: string;
  externalId: string;
};
export type PoolDefinition = Stamped & {
  displayName: string | null;
  namespace: string;
  programDefinitionIds: string[];
  programDefinitions: DefinitionRef[];
  details: Details;
};
export type Item = Stamped & {
  externalId: string;
  category: string | null;
  itemSetId: string;
  displayName: string | null;
  providerAppId: string | null;
  namespace: string | null;
};
export type ProgramStatus = 'ACTIVE' | 'PAUSED' | 'ENDED';
export type Program = Stamped & {
  programDefinitionId: string | null;
  status: ProgramStatus;
  beneficiary: Identity;
  displayName: string | null;
  namespace: string;
  externalId: string;
  programDefinition: DefinitionRef | null;
};
export type Pool = Stamped & {
  poolDefinitionId: string;
  programDefinitionId: string | null;
  programId: string;
  status: ProgramStatus;
  beneficiary: Identity;
  details: Details;
  displayName: string | null;
  namespace: string;
  programDefinition: DefinitionRef | null;
  program: { id: string; externalId: string; displayName: string | null };
  poolDefinitionRevision: string;
  renewalCount: number;
};
export type Balance = Stamped & {
  beneficiary: Identity;
  amount: { available: string; reserved: string };
  poolInfo: {
    id: string;
    poolDefinitionId: string;
    programDefinitionId: string | null;
    programId: string;
    creditAmount: string | null;
    namespace: string;
    externalProgramDefinitionId: string | null;
    externalProgramId: string;
    creditRolloverConfiguration: { enabled: boolean; balanceCap: string | null };
    status: ProgramStatus;
  };
  lastTransactionId: string | null;
};
export type BalanceType = 'AVAILABLE' | 'EXTERNAL';
export type Transaction = Stamped & {
  pool: Record<string, unknown> & { id: string };
  amount: string;
  source: BalanceType;
  target: BalanceType;
  idempotencyKey: string;
  relatedTransactionId: string | null;
  beneficiary: Identity;
  instructingParty: Identity | null;
  status: 'COMPLETED';
  details: Record<string, unknown>;
  externalId: string | null;
};

/** Internal index documents. */
export type IdList = { id: string; ids: string[] };
export type Pointer = { id: string; target: string };

// Amounts are kept as integer units of 1e-4 (the wire's maxScale) so comparisons never see float noise.
const SCALE = 10_000;
export const toUnits = (value: unknown, field: string): number => Math.round(decimal(value, field) * SCALE);
export const fromUnits = (units: number): string => decimalString(units / SCALE);

export const stamp = (now: Date, id: string = newId()): Stamped => {
  const iso = now.toISOString();
  return { id, revision: '1', createdDate: iso, updatedDate: iso };
};

// ---- request reading (bodies are unchecked JSON) ----

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function optString(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(field, 'must be a string');
  return v;
}

export const invalid = (field: string, description: string) =>
  new WixValidationError([{ field, description, violatedRule: 'FORMAT' }]);

export function identity(v: unknown, field: string): Identity | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw invalid(field, 'must be an object');
  const out: Identity = {};
  for (const key of ['memberId', 'wixUserId', 'anonymousVisitorId'] as const) {
    const value = optString(v[key], `${field}.${key}`);
    if (value) out[key] = value;
  }
  return out;
}

export const sameIdentity = (a: Identity, b: Identity): boolean =>
  a.memberId === b.memberId && a.wixUserId === b.wixUserId && a.anonymousVisitorId === b.anonymousVisitorId;

export function itemReference(v: unknown, field: string): ItemReference | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isRecord(v)) throw invalid(field, 'must be an object');
  const externalId = optString(v.externalId, `${field}.externalId`);
  if (!externalId) throw invalid(`${field}.externalId`, 'must not be empty');
  const ref: ItemReference = { externalId };
  const category = optString(v.category, `${field}.category`);
  const providerAppId = optString(v.providerAppId, `${field}.providerAppId`);
  if (category) ref.category = category;
  if (providerAppId) ref.providerAppId = providerAppId;
  return ref;
}

/** `count` of a redemption or eligibility check: a positive integer, 1 when absent. */
export function itemCount(v: unknown, field: string): number {
  if (v === undefined || v === null) return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw invalid(field, 'must be an integer of at least 1');
  return n;
}

// ---- lookups shared by the handlers ----

export function requirePool(tx: DocumentReader, poolId: string): Pool {
  const pool = tx.get<Pool>(C.pools, poolId);
  if (!pool) throw new WixApiError(404, 'POOL_NOT_FOUND', 'Pool not found', { poolId });
  return pool;
}

export function requireBalance(tx: DocumentReader, poolId: string): Balance {
  const balance = tx.get<Balance>(C.balances, poolId);
  if (!balance) throw new WixApiError(404, 'BALANCE_NOT_FOUND', 'Balance not found', { poolId });
  return balance;
}

export const idempotencyId = (operation: string, scopeId: string, key: string) =>
  `${operation}\u0000${scopeId}\u0000${key}`;
export const programKeyId = (namespace: string, externalId: string) => `${namespace}\u0000${externalId}`;

/** Items registered for an item reference (matching app, category and namespace when those are given). */
export function itemsFor(tx: DocumentReader, ref: ItemReference, namespace?: string): Item[] {
  const index = tx.get<IdList>(C.itemRefs, ref.externalId);
  const items: Item[] = [];
  for (const id of index?.ids ?? []) {
    const item = tx.get<Item>(C.items, id);
    if (!item) continue;
    if (ref.providerAppId && item.providerAppId !== ref.providerAppId) continue;
    if (ref.category && item.category && item.category !== ref.category) continue;
    if (namespace && item.namespace && item.namespace !== namespace) continue;
    items.push(item);
  }
  return items;
}
