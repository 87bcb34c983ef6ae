import { Permissions } from '@wix/web-methods';
import { z } from 'zod';
import { getTokenBalance } from '../src/core/benefits/get-token-balance';
import { listEligibleBenefits } from '../src/core/benefits/list-eligible-benefits';
import { redeemBenefit } from '../src/core/benefits/redeem-benefit';
import { asMember } from './context';
import { hosted } from './hosted';
import { parseInput } from './input';
import { count, externalId, idempotencyKey } from './schemas';
import { toRedemptionView } from './views';

// Site pages call these for the signed-in member. None of them takes a member, pool or account id: the
// member is always the caller.

/** Seed step 6: the merchandise the member's tokens can buy now. */
export const getMyEligibleBenefits = hosted(
  'benefits',
  'getMyEligibleBenefits',
  Permissions.SiteMember,
  async () => {
    const { deps, memberId } = await asMember();
    return listEligibleBenefits(deps, memberId);
  },
);

export const getMyTokenBalance = hosted('benefits', 'getMyTokenBalance', Permissions.SiteMember, async () => {
  const { deps, memberId } = await asMember();
  return getTokenBalance(deps, memberId);
});

const redeemMyBenefitInput = z.strictObject({
  externalId,
  idempotencyKey,
  count,
});

/** Seed step 7: spend tokens on one item, exactly once per idempotency key. */
export const redeemMyBenefit = hosted(
  'benefits',
  'redeemMyBenefit',
  Permissions.SiteMember,
  async (input: z.input<typeof redeemMyBenefitInput>) => {
    const args = parseInput(redeemMyBenefitInput, input);
    const { deps, memberId, actor } = await asMember();
    const { value, replayed } = await redeemBenefit(deps, { ...args, memberId, channel: 'site', actor });
    return { redemption: toRedemptionView(value), replayed };
  },
);
