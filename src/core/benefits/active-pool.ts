import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { PoolView } from '../ports/benefit-programs';
import type { Enrollment } from '../ports/store';

/**
 * How long a spend trusts the member's pool as last read ACTIVE (its benefits, their prices) without asking Wix
 * again. Wix refuses a spend on a pool that ended, and the spend then looks the pool up afresh; a price
 * changed in Wix meanwhile is recorded at most this late.
 */
export const KNOWN_POOL_MS = 60_000;

/**
 * The member's ACTIVE pool. NOT_FOUND when no such site member exists; OFFER_UNAVAILABLE when the member
 * exists but their program is not running. With `maxAgeMs`, a pool read ACTIVE that recently is taken as is.
 */
export async function activePoolOf(
  deps: CoreDeps,
  memberId: string,
  options: { maxAgeMs?: number } = {},
): Promise<PoolView> {
  const enrollment = await deps.store.enrollments.get(memberId);
  const cached = enrollment?.poolId ? await deps.benefits.getPool(enrollment.poolId, options) : undefined;
  const pool = cached?.status === 'ACTIVE' ? cached : await refreshActivePool(deps, memberId, enrollment);
  if (pool) return pool;
  throw await noActivePool(deps, memberId, enrollment);
}

/**
 * Spends on the member's ACTIVE pool as last known, with no Wix read first. When Wix says that pool is no
 * longer active (or gone), looks the member's ACTIVE pool up once and, if it is another one, spends there.
 * `spend` must be safe to run twice: its first run failed at Wix, and Wix keys spends per pool.
 */
export async function spendOnActivePool<T>(
  deps: CoreDeps,
  memberId: string,
  spend: (pool: PoolView) => Promise<T>,
): Promise<T> {
  const pool = await activePoolOf(deps, memberId, { maxAgeMs: KNOWN_POOL_MS });
  try {
    return await spend(pool);
  } catch (err) {
    if (!isInactivePool(err)) throw err;
    const enrollment = await deps.store.enrollments.get(memberId);
    const fresh = await refreshActivePool(deps, memberId, enrollment);
    if (!fresh) throw await noActivePool(deps, memberId, enrollment);
    if (fresh.id === pool.id) throw err;
    deps.log.info({ memberId, poolId: fresh.id }, 'the member has a new active pool: spending there');
    return spend(fresh);
  }
}

/** Asks Wix for the member's ACTIVE pool and keeps its id on the enrollment, so the next spend finds it. */
export async function refreshActivePool(
  deps: Pick<CoreDeps, 'benefits' | 'store'>,
  memberId: string,
  enrollment: Enrollment | undefined,
): Promise<PoolView | undefined> {
  const pool = await deps.benefits.findActivePool(memberId);
  if (enrollment && pool && enrollment.poolId !== pool.id) {
    await deps.store.enrollments.upsert({ ...enrollment, poolId: pool.id, status: 'ACTIVE' });
  }
  return pool;
}

/** A cached pool Wix no longer takes spends or credits on (program ended or replaced). */
export const isInactivePool = (err: unknown): boolean =>
  err instanceof AppError && (err.code === 'OFFER_UNAVAILABLE' || err.code === 'NOT_FOUND');

async function noActivePool(
  deps: CoreDeps,
  memberId: string,
  enrollment: Enrollment | undefined,
): Promise<AppError> {
  // Only the failure path asks who the member is: the spend path stays one lookup.
  if (!enrollment && !(await deps.siteMembers.getMember(memberId))) {
    return new AppError('NOT_FOUND', `No site member ${memberId}`);
  }
  return new AppError('OFFER_UNAVAILABLE', 'You have no active rewards program');
}
