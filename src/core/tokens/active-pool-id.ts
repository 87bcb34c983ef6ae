import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/**
 * The member's ACTIVE pool id for crediting, from the enrollment cache without a Wix query; a lookup only
 * when nothing is cached. An ended enrollment has none.
 */
export async function cachedActivePoolId(deps: CoreDeps, memberId: string): Promise<string | undefined> {
  const enrollment = await deps.store.enrollments.get(memberId);
  if (enrollment?.status === 'ENDED') return undefined;
  if (enrollment?.poolId) return enrollment.poolId;
  return refreshActivePoolId(deps, memberId);
}

/** Asks Wix for the member's ACTIVE pool and refreshes the cache with what it says. */
export async function refreshActivePoolId(deps: CoreDeps, memberId: string): Promise<string | undefined> {
  const pool = await deps.benefits.findActivePool(memberId);
  const enrollment = await deps.store.enrollments.get(memberId);
  if (enrollment && pool && enrollment.poolId !== pool.id) {
    await deps.store.enrollments.upsert({ ...enrollment, poolId: pool.id, status: 'ACTIVE' });
  }
  return pool?.id;
}

/** A cached pool Wix no longer credits (program ended or replaced). */
export const isInactivePool = (err: unknown): boolean =>
  err instanceof AppError && (err.code === 'OFFER_UNAVAILABLE' || err.code === 'NOT_FOUND');

/**
 * Runs a balance change on the cached pool; when Wix says that pool is no longer active, looks up the
 * member's ACTIVE pool once and runs it there. Undefined when the member has no active pool.
 */
export async function onActivePool<T>(
  deps: CoreDeps,
  memberId: string,
  poolId: string | undefined,
  change: (poolId: string) => Promise<T>,
): Promise<{ poolId: string; value: T } | undefined> {
  if (poolId) {
    try {
      return { poolId, value: await change(poolId) };
    } catch (err) {
      if (!isInactivePool(err)) throw err;
    }
  }
  const fresh = await refreshActivePoolId(deps, memberId);
  if (!fresh || fresh === poolId) return undefined;
  return { poolId: fresh, value: await change(fresh) };
}
