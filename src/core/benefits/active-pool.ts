import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { PoolView } from '../ports/benefit-programs';

/** The member's ACTIVE pool, or OFFER_UNAVAILABLE when their program is not running. */
export async function activePoolOf(deps: CoreDeps, memberId: string): Promise<PoolView> {
  const enrollment = await deps.store.enrollments.get(memberId);
  const cached = enrollment?.poolId ? await deps.benefits.getPool(enrollment.poolId) : undefined;
  const pool = cached?.status === 'ACTIVE' ? cached : await deps.benefits.findActivePool(memberId);
  if (!pool) throw new AppError('OFFER_UNAVAILABLE', 'You have no active rewards program');
  return pool;
}
