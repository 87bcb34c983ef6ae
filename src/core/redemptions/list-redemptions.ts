import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { RedemptionFilter, RedemptionPage } from '../ports/store';

export async function listRedemptions(deps: CoreDeps, filter: RedemptionFilter): Promise<RedemptionPage> {
  if (!Number.isInteger(filter.limit) || filter.limit < 1 || filter.limit > 100) {
    throw new AppError('VALIDATION', 'limit must be between 1 and 100');
  }
  return deps.store.redemptions.list(filter);
}

export async function getRedemption(deps: CoreDeps, id: string, memberId?: string) {
  const redemption = await deps.store.redemptions.get(id);
  if (!redemption || (memberId && redemption.memberId !== memberId)) {
    throw new AppError('NOT_FOUND', `No redemption ${id}`);
  }
  return redemption;
}
