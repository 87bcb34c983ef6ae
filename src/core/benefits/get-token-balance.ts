import type { CoreDeps } from '../deps';

export interface TokenBalance {
  /** False when the member has no ACTIVE program (not enrolled, paused or ended). */
  active: boolean;
  poolId: string | null;
  balance: number;
  unit: string;
}

export async function getTokenBalance(deps: CoreDeps, memberId: string): Promise<TokenBalance> {
  const pool = await deps.benefits.findActivePool(memberId);
  if (!pool) return { active: false, poolId: null, balance: 0, unit: 'Tokens' };
  return {
    active: true,
    poolId: pool.id,
    balance: await deps.benefits.getBalance(pool.id),
    unit: pool.unitDisplayName ?? 'Tokens',
  };
}
