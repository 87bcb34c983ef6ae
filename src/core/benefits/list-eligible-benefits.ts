import type { CoreDeps } from '../deps';

export interface EligibleBenefit {
  externalId: string;
  displayName: string | null;
  benefitKey: string;
  price: number;
  /** The member can redeem it now. */
  affordable: boolean;
  /** Why not, when not affordable. */
  reason: string | null;
}

export interface EligibleBenefits {
  active: boolean;
  balance: number;
  items: EligibleBenefit[];
}

/**
 * What the member can afford (seed step 6): the ACTIVE pool, its benefits' items, one bulk eligibility
 * check for all of them.
 */
export async function listEligibleBenefits(deps: CoreDeps, memberId: string): Promise<EligibleBenefits> {
  const pool = await deps.benefits.findActivePool(memberId);
  if (!pool) return { active: false, balance: 0, items: [] };
  const [items, balance] = await Promise.all([
    deps.benefits.listItems(pool.benefits.map((b) => b.itemSetId)),
    deps.benefits.getBalance(pool.id),
  ]);
  const verdicts = items.length ? await deps.benefits.checkEligibility(pool.id, items, 1) : [];
  return {
    active: true,
    balance,
    items: items.map((item, i) => {
      const benefit = pool.benefits.find((b) => b.itemSetId === item.itemSetId);
      const verdict = verdicts[i];
      return {
        externalId: item.externalId,
        displayName: item.displayName,
        benefitKey: benefit?.benefitKey ?? '',
        price: benefit?.price ?? 0,
        affordable: verdict?.eligible === true,
        reason: verdict && !verdict.eligible ? verdict.reason : null,
      };
    }),
  };
}
