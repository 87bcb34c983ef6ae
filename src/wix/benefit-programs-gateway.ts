import { balances, items, pools, programs, transactions } from '@wix/benefit-programs';
import type {
  BenefitProgramsGateway,
  BenefitView,
  EligibilityVerdict,
  ItemRef,
  ItemView,
  PoolTransactionView,
  PoolView,
  ProgramView,
} from '../core/ports/benefit-programs';
import type { Elevate } from './clients';
import { toCoreError, wixCall, wixErrorCode } from './errors';

type Pool = pools.Pool;
type Item = items.Item;
type Program = programs.Program;
type Transaction = transactions.Transaction;

const toNumber = (v: unknown): number => (v === undefined || v === null || v === '' ? 0 : Number(v));

function toPool(pool: Pool): PoolView {
  const benefits: BenefitView[] = (pool.details?.benefits ?? []).map((b) => ({
    benefitKey: b.benefitKey ?? '',
    itemSetId: b.itemSetId ?? '',
    price: toNumber(b.price),
    displayName: b.displayName ?? null,
  }));
  return {
    id: pool._id ?? '',
    programId: pool.programId ?? pool.program?._id ?? '',
    status: (pool.status ?? 'PENDING') as PoolView['status'],
    memberId: pool.beneficiary?.memberId ?? null,
    benefits,
    unitDisplayName: pool.details?.creditConfiguration?.unitDisplayName ?? null,
  };
}

const toItem = (item: Item): ItemView => ({
  id: item._id ?? '',
  externalId: item.externalId ?? '',
  providerAppId: item.providerAppId ?? '',
  category: item.category ?? null,
  itemSetId: item.itemSetId ?? '',
  displayName: item.displayName ?? null,
});

const toProgram = (program: Program): ProgramView => ({
  id: program._id ?? '',
  status: (program.status ?? 'PROVISIONING') as ProgramView['status'],
  externalId: program.externalId ?? null,
  memberId: program.beneficiary?.memberId ?? null,
});

/** Credits move EXTERNAL → AVAILABLE; debits the other way. */
const toTransaction = (t: Transaction): PoolTransactionView => ({
  id: t._id ?? '',
  amount: (t.target === 'AVAILABLE' ? 1 : -1) * toNumber(t.amount),
  createdAt: t._createdDate ? new Date(t._createdDate).toISOString() : new Date(0).toISOString(),
  reason: t.details?.reason ?? null,
  relatedTransactionId: t.relatedTransactionId ?? null,
});

const itemReference = (ref: ItemRef) => ({
  externalId: ref.externalId,
  providerAppId: ref.providerAppId,
  ...(ref.category ? { category: ref.category } : {}),
});

const NOT_ELIGIBLE: Record<string, Exclude<EligibilityVerdict, { eligible: true }>['reason']> = {
  NOT_ENOUGH_BALANCE: 'NOT_ENOUGH_BALANCE',
  POOL_NOT_ACTIVE: 'POOL_NOT_ACTIVE',
  BENEFIT_NOT_FOUND: 'BENEFIT_NOT_FOUND',
  POOL_NOT_FOUND: 'POOL_NOT_FOUND',
};

/** Items are setup data that rarely change; every redemption looks one up, so found ones are kept briefly. */
const ITEM_CACHE_MS = 30_000;

/** ACTIVE pools remembered at most; past it the memory starts over (it only saves reads). */
const MAX_POOLS = 10_000;
/** Wix's answer to a call on a pool that ended or is gone. */
const POOL_GONE = new Set(['POOL_NOT_ACTIVE', 'POOL_NOT_FOUND']);

/** Wix Benefit Programs through the real SDK, every call elevated (the caller was authorized before). */
export function createBenefitProgramsGateway(elevate: Elevate, namespace: string): BenefitProgramsGateway {
  const itemCache = new Map<string, { item: ItemView; until: number }>();
  // ACTIVE pools as last read, for readers that accept an age (getPool's maxAgeMs).
  const poolsSeen = new Map<string, { pool: PoolView; at: number }>();
  const rememberPool = (pool: PoolView) => {
    if (pool.status !== 'ACTIVE') {
      poolsSeen.delete(pool.id);
      return;
    }
    if (poolsSeen.size >= MAX_POOLS) poolsSeen.clear();
    poolsSeen.set(pool.id, { pool, at: Date.now() });
  };
  /** Wix says the pool is no longer active (or gone): no reader may be answered from memory about it. */
  const forgetPoolOn = (poolId: string, err: unknown) => {
    if (POOL_GONE.has(String(wixErrorCode((err as { cause?: unknown }).cause)))) poolsSeen.delete(poolId);
  };
  const findPools = async (filter: Record<string, unknown>, limit = 50) => {
    const res = await wixCall('queryPools', () =>
      elevate(pools.queryPools)({ filter: { ...filter, namespace }, cursorPaging: { limit } }),
    );
    return (res.pools ?? []).map(toPool);
  };

  return {
    async findActivePool(memberId) {
      const [found] = await findPools({ 'beneficiary.memberId': memberId, status: 'ACTIVE' }, 1);
      if (found) rememberPool(found);
      return found;
    },

    async getPool(poolId, options = {}) {
      const seen = poolsSeen.get(poolId);
      if (seen && options.maxAgeMs !== undefined && Date.now() - seen.at <= options.maxAgeMs)
        return seen.pool;
      try {
        const pool = toPool(await wixCall('getPool', () => elevate(pools.getPool)(poolId)));
        rememberPool(pool);
        return pool;
      } catch (err) {
        poolsSeen.delete(poolId);
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },

    listPools: (programId) => findPools({ programId }),

    async findItem(ref) {
      const cacheKey = `${ref.providerAppId}/${ref.externalId}`;
      const cached = itemCache.get(cacheKey);
      if (cached && cached.until > Date.now()) return cached.item;
      const res = await wixCall('queryItems', () =>
        elevate(items.queryItems)({
          filter: { externalId: ref.externalId, providerAppId: ref.providerAppId, namespace },
          cursorPaging: { limit: 1 },
        }),
      );
      const found = res.items?.[0];
      if (!found) return undefined;
      const item = toItem(found);
      itemCache.set(cacheKey, { item, until: Date.now() + ITEM_CACHE_MS });
      return item;
    },

    async listItems(itemSetIds) {
      if (itemSetIds.length === 0) return [];
      const res = await wixCall('queryItems', () =>
        elevate(items.queryItems)({
          filter: { itemSetId: { $in: itemSetIds }, namespace },
          cursorPaging: { limit: 100 },
        }),
      );
      return (res.items ?? []).map(toItem);
    },

    async getBalance(poolId) {
      const balance = await wixCall('getBalance', () => elevate(balances.getBalance)(poolId));
      return toNumber(balance.amount?.available);
    },

    async checkEligibility(poolId, refs, count) {
      const res = await wixCall('bulkCheckBenefitEligibility', () =>
        elevate(pools.bulkCheckBenefitEligibility)({
          namespace,
          benefitSelectors: refs.map((ref) => ({ poolId, itemReference: itemReference(ref), count })),
        }),
      );
      return (res.results ?? []).map((r): EligibilityVerdict => {
        const first = r.result?.benefitResults?.[0];
        if (first?.type === 'ELIGIBLE_BENEFIT') {
          return {
            eligible: true,
            benefitKey: first.eligibleBenefitOptions?.benefitKey ?? '',
            price: toNumber(first.eligibleBenefitOptions?.price),
          };
        }
        return {
          eligible: false,
          reason: NOT_ELIGIBLE[first?.type ?? ''] ?? 'POLICY',
          ...(first?.type === 'NOT_ENOUGH_BALANCE'
            ? {
                available: toNumber(first.notEnoughBalanceOptions?.availableBalance),
                requested: toNumber(first.notEnoughBalanceOptions?.requestedBalance),
              }
            : {}),
        };
      });
    },

    async redeemBenefit(input) {
      try {
        const res = await wixCall('redeemBenefit', () =>
          elevate(pools.redeemBenefit)(input.poolId, {
            benefitKey: input.benefitKey,
            itemReference: itemReference(input.item),
            count: input.count,
            idempotencyKey: input.idempotencyKey,
            beneficiary: { memberId: input.memberId },
            namespace,
          }),
        );
        return { transactionId: res.transactionId ?? '', replayed: false };
      } catch (err) {
        forgetPoolOn(input.poolId, err);
        if (wixErrorCode((err as { cause?: unknown }).cause) !== 'BENEFIT_ALREADY_REDEEMED') throw err;
        // Our key reached Wix before (a crash after Wix's commit): the original transaction carries it.
        const original = await findTransactionByKey(elevate, input.poolId, input.idempotencyKey);
        if (!original) throw toCoreError(err, 'redeemBenefit');
        return { transactionId: original, replayed: true };
      }
    },

    async changeBalance(input) {
      const res = await wixCall('changeBalance', () =>
        elevate(balances.changeBalance)(input.poolId, input.idempotencyKey, {
          type: 'ADJUST',
          adjustOptions: { value: String(input.delta) },
          transactionDetails: { reason: input.reason },
        }),
      ).catch((err: unknown) => {
        forgetPoolOn(input.poolId, err);
        throw err;
      });
      return { transactionId: res.transactionId ?? '', balance: toNumber(res.balance?.amount?.available) };
    },

    async revertBalanceChange(transactionId, idempotencyKey) {
      try {
        const res = await wixCall('revertBalanceChange', () =>
          elevate(balances.revertBalanceChange)(transactionId, idempotencyKey),
        );
        return { transactionId: res.transactionId ?? null, alreadyReverted: false };
      } catch (err) {
        if (wixErrorCode((err as { cause?: unknown }).cause) === 'CHANGE_ALREADY_REVERTED') {
          return { transactionId: null, alreadyReverted: true };
        }
        throw err;
      }
    },

    async listTransactions(poolId, limit) {
      const found: Transaction[] = [];
      let page = await wixCall('queryTransactions', () =>
        elevate(transactions.queryTransactions)({
          filter: { 'pool._id': poolId },
          sort: [{ fieldName: '_createdDate', order: 'DESC' }],
          cursorPaging: { limit: Math.min(limit, 100) },
        }),
      );
      for (let pages = 1; ; pages++) {
        found.push(...(page.transactions ?? []));
        const cursor = page.metadata?.cursors?.next;
        if (!cursor || found.length >= limit || pages >= 20) return found.slice(0, limit).map(toTransaction);
        page = await wixCall('queryTransactions', () =>
          elevate(transactions.queryTransactions)({ cursorPaging: { cursor, limit: 100 } }),
        );
      }
    },

    async provisionProgram(input) {
      try {
        const res = await wixCall('provisionProgram', () =>
          elevate(programs.provisionProgram)(
            { programDefinitionId: input.programDefinitionId },
            {
              beneficiary: { memberId: input.memberId },
              namespace,
              externalProgramId: input.externalProgramId,
            },
          ),
        );
        return { program: toProgram(res.program as Program), created: true };
      } catch (err) {
        if (wixErrorCode((err as { cause?: unknown }).cause) !== 'PROGRAM_ALREADY_EXISTS') throw err;
        const res = await wixCall('queryPrograms', () =>
          elevate(programs.queryPrograms)({ filter: { externalId: input.externalProgramId, namespace } }),
        );
        const existing = res.programs?.[0];
        if (!existing) throw toCoreError(err, 'provisionProgram');
        return { program: toProgram(existing), created: false };
      }
    },

    async getProgram(programId) {
      try {
        return toProgram(await wixCall('getProgram', () => elevate(programs.getProgram)(programId)));
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },

    async renewProgram(programId, idempotencyKey) {
      await wixCall('renewProgram', () => elevate(programs.renewProgram)(programId, { idempotencyKey }));
    },

    async endProgram(programId) {
      await wixCall('endProgram', () => elevate(programs.endProgram)(programId));
    },
  };
}

/**
 * Wix transactions carry their idempotency key but cannot be filtered by it: walk the pool's transactions,
 * newest first (the one we look for is recent), until the key matches.
 */
async function findTransactionByKey(elevate: Elevate, poolId: string, idempotencyKey: string) {
  let page = await wixCall('queryTransactions', () =>
    elevate(transactions.queryTransactions)({
      filter: { 'pool._id': poolId },
      sort: [{ fieldName: '_createdDate', order: 'DESC' }],
      cursorPaging: { limit: 100 },
    }),
  );
  for (let pages = 0; pages < 20; pages++) {
    const match = page.transactions?.find((t) => t.idempotencyKey === idempotencyKey);
    if (match) return match._id ?? undefined;
    const cursor = page.metadata?.cursors?.next;
    if (!cursor) return undefined;
    page = await wixCall('queryTransactions', () =>
      elevate(transactions.queryTransactions)({ cursorPaging: { cursor, limit: 100 } }),
    );
  }
  return undefined;
}
