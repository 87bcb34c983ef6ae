import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { PoolView } from '../ports/benefit-programs';

/**
 * The member's ACTIVE pool. NOT_FOUND when no such site member exists; OFFER_UNAVAILABLE when the member
 * exists but their program is not running.
 */
export async function activePoolOf(deps: CoreDeps, memberId: string): Promise<PoolView> {
  const enrollment = await deps.store.enrollments.get(memberId);
  const cached = enrollment?.poolId ? await deps.benefits.getPool(enrollment.poolId) : undefined;
  const pool = cached?.status === 'ACTIVE' ? cached : await deps.benefits.findActivePool(memberId);
  if (pool) return pool;
  // Only the failure path asks who the member is: the spend path stays one lookup.
  if (!enrollment && !(await deps.siteMembers.getMember(memberId))) {
    throw new AppError('NOT_FOUND', `No site member ${memberId}`);
  }
  throw new AppError('OFFER_UNAVAILABLE', 'You have no active rewards program');
}
