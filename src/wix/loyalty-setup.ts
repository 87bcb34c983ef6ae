import { rewards } from '@wix/loyalty';
import type { LoyaltyRewardConfig, ProgramConfig } from '../server/program-config';
import type { Elevate } from './clients';
import { wixCall } from './errors';
import { toReward } from './loyalty-views';

export interface LoyaltyRewardSetup {
  name: string;
  kind: LoyaltyRewardConfig['kind'];
  rewardId: string;
  /** Base-tier price in points (for cashback: the points worth one currency unit). */
  costInPoints: number;
  active: boolean;
}

export interface LoyaltySetup {
  rewards: LoyaltyRewardSetup[];
  created: string[];
  existing: string[];
}

const PAGE = 100;
const MAX_PAGES = 20;

/** The reward as Wix takes it. Cashback is a DISCOUNT_AMOUNT: 1 currency unit per `pointsPerCurrencyUnit`. */
function rewardOf(config: LoyaltyRewardConfig, program: ProgramConfig): rewards.Reward & { name: string } {
  switch (config.kind) {
    case 'percentage':
      return {
        name: config.name,
        active: true,
        type: 'COUPON_REWARD',
        couponReward: {
          percentage: {
            configsByTier: [{ costInPoints: config.costInPoints, percentage: config.percentage }],
          },
        },
      };
    case 'fixedAmount':
      return {
        name: config.name,
        active: true,
        type: 'COUPON_REWARD',
        couponReward: {
          fixedAmount: { configsByTier: [{ costInPoints: config.costInPoints, amount: config.amount }] },
        },
      };
    case 'productDiscount':
      return {
        name: config.name,
        active: true,
        type: 'DISCOUNT_AMOUNT',
        discountAmount: { configsByTier: [{ costInPoints: config.costInPoints, amount: '1' }] },
      };
    case 'cashback':
      return {
        name: config.name,
        active: true,
        type: 'DISCOUNT_AMOUNT',
        discountAmount: {
          configsByTier: [{ costInPoints: program.cashback?.pointsPerCurrencyUnit ?? 1, amount: '1' }],
        },
      };
  }
}

/** Every reward of the site, inactive ones too (listRewards shows only active ones). */
async function allRewards(elevate: Elevate): Promise<rewards.Reward[]> {
  const found: rewards.Reward[] = [];
  let res = await wixCall('queryRewards', () =>
    elevate(rewards.queryRewards)({ cursorPaging: { limit: PAGE } }),
  );
  for (let pages = 1; ; pages++) {
    found.push(...(res.rewards ?? []));
    const cursor = res.pagingMetadata?.cursors?.next;
    if (!cursor || pages >= MAX_PAGES) return found;
    res = await wixCall('queryRewards', () =>
      elevate(rewards.queryRewards)({ cursorPaging: { cursor, limit: PAGE } }),
    );
  }
}

/**
 * The configured Wix Loyalty rewards, found by name or created active. A reward staff turned off is found
 * and left off. Re-running finds everything and creates nothing.
 */
export async function setUpLoyaltyRewards(elevate: Elevate, program: ProgramConfig): Promise<LoyaltySetup> {
  const setup: LoyaltySetup = { rewards: [], created: [], existing: [] };
  if (program.loyaltyRewards.length === 0) return setup;
  const byName = new Map((await allRewards(elevate)).map((r) => [r.name ?? '', r]));
  for (const config of program.loyaltyRewards) {
    let reward = byName.get(config.name);
    if (reward) setup.existing.push(`loyalty reward ${config.name}`);
    else {
      const wanted = rewardOf(config, program);
      reward = await wixCall('createReward', () => elevate(rewards.createReward)(wanted));
      setup.created.push(`loyalty reward ${config.name}`);
    }
    setup.rewards.push({
      name: config.name,
      kind: config.kind,
      rewardId: reward._id ?? '',
      costInPoints: toReward(reward).costInPoints ?? 0,
      active: reward.active === true,
    });
  }
  return setup;
}
