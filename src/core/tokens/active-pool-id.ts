import { isInactivePool, refreshActivePool } from '../benefits/active-pool';
import type { CoreDeps } from '../deps';

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
  const enrollment = await deps.store.enrollments.get(memberId);
  return (await refreshActivePool(deps, memberId, enrollment))?.id;
}

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
