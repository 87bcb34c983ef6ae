import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import type { LoyaltyRewardView } from '../../../core/ports/loyalty';
import type { CatalogEntry, ProductDiscount } from '../../../core/ports/store';
import type { CashbackRate } from './money';

export type CounterRewardKind = 'percentage' | 'fixedAmount' | 'cashback' | 'productDiscount';

/** A reward the counter offers: a points-priced catalog entry backed by an active Wix Loyalty reward. */
export interface CounterReward {
  /** The PoS's id for it (PoS ids are int32). */
  number: number;
  entryId: string;
  rewardId: string;
  title: string;
  kind: CounterRewardKind;
  /** Percent off, money off, or (cashback) the money `points` are worth. */
  value: number;
  /** Price in points; for cashback, the points worth `value`. */
  points: number;
  /** A product-discount reward's product; null for the others. */
  product: ProductDiscount | null;
}

/** Numbers of catalog entries: one sequence for every integration (they all see the same catalog). */
export const REWARD_SCOPE = 'reward';
const PAGE = 100;
const MAX_PAGES = 20;

const kindOf = (entry: CatalogEntry, reward: LoyaltyRewardView): CounterRewardKind | undefined => {
  // Both are Wix DISCOUNT_AMOUNT rewards: the catalog entry's product tells them apart.
  if (reward.kind === 'discountAmount') return entry.product ? 'productDiscount' : 'cashback';
  if (reward.kind === 'percentage' || reward.kind === 'fixedAmount')
    return reward.couponReward ? reward.kind : undefined;
  return undefined; // free shipping means nothing at a counter
};

/** Every reward the counter offers, cheapest first. */
export async function counterRewards(deps: CoreDeps): Promise<CounterReward[]> {
  const [entries, rewards] = await Promise.all([pointsEntries(deps), deps.loyalty.listRewards()]);
  const byId = new Map(rewards.map((r) => [r.id, r]));
  const offered: CounterReward[] = [];
  for (const entry of entries) {
    const reward = entry.reward && byId.get(entry.reward.rewardId);
    const counter = reward && (await toCounterReward(deps, entry, reward));
    if (counter) offered.push(counter);
  }
  return offered;
}

/** The reward the PoS names by number; NOT_FOUND when it is not (or no longer) offered. */
export async function counterReward(deps: CoreDeps, number: number): Promise<CounterReward> {
  // A reward added since the server started is numbered on first use, as at setup.
  const entryId =
    (await deps.store.counter.refOf(REWARD_SCOPE, number)) ??
    (await counterRewards(deps).then(() => deps.store.counter.refOf(REWARD_SCOPE, number)));
  const entry = entryId ? await deps.store.catalog.get(entryId) : undefined;
  const reward =
    entry?.active && entry.reward ? await deps.loyalty.getReward(entry.reward.rewardId) : undefined;
  const counter = entry && reward?.active ? await toCounterReward(deps, entry, reward) : undefined;
  if (!counter) throw new AppError('NOT_FOUND', `No reward ${number}`);
  return counter;
}

/**
 * The reward a redemption was made with, active or not: a retry must finish what its first attempt started
 * even if staff turned the reward off in between.
 */
export async function rewardOfRedemption(
  deps: CoreDeps,
  entryId: string,
  rewardId: string,
): Promise<CounterReward> {
  const [entry, reward] = await Promise.all([
    deps.store.catalog.get(entryId),
    deps.loyalty.getReward(rewardId),
  ]);
  const counter =
    entry && reward ? await toCounterReward(deps, entry, { ...reward, active: true }) : undefined;
  if (!counter) throw new AppError('INTERNAL', `Reward ${rewardId} of catalog entry ${entryId} is gone`);
  return counter;
}

/** Points ↔ money of a cashback reward. */
export const rateOf = (reward: CounterReward): CashbackRate => ({
  costInPoints: reward.points,
  value: reward.value,
});

async function toCounterReward(
  deps: CoreDeps,
  entry: CatalogEntry,
  reward: LoyaltyRewardView,
): Promise<CounterReward | undefined> {
  const kind = kindOf(entry, reward);
  if (!kind || !reward.active || !reward.costInPoints || !reward.value) return undefined;
  const product = kind === 'productDiscount' ? (entry.product ?? null) : null;
  return {
    number: await deps.store.counter.numberOf(REWARD_SCOPE, entry.id, deps.clock.now()),
    entryId: entry.id,
    rewardId: reward.id,
    title: entry.title,
    kind,
    value: product ? product.value : reward.value,
    points: reward.costInPoints,
    product,
  };
}

async function pointsEntries(deps: CoreDeps): Promise<CatalogEntry[]> {
  const entries: CatalogEntry[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await deps.store.catalog.list({ currency: 'points', limit: PAGE, cursor });
    entries.push(...page.items.filter((e) => e.reward));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return entries;
}
