import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentReader } from '../document-store';
import { runQuery, type WixQuery } from '../query';
import { body, decimal, newId, nextRevision, WixApiError, WixValidationError } from '../wire';
import { type CouponReward, LOYALTY_REWARDS, type Reward, type TierConfig } from './model';
import { pointsInt } from './points';

const P = '/loyalty-rewards/v1/rewards';
const COUPON_KINDS = ['fixedAmount', 'percentage', 'freeShipping'] as const;

const invalid = (field: string, description: string) =>
  new WixValidationError([{ field, description, violatedRule: 'FORMAT' }]);

const finitePositive = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw invalid(field, 'must be > 0');
  return value;
};

/** Checks per-tier configs: at least one, costs are ints >= 1, one config per tier, plus each kind's value. */
function checkConfigs(
  configs: unknown,
  field: string,
  value?: (c: TierConfig, f: string) => void,
): TierConfig[] {
  if (!Array.isArray(configs) || configs.length === 0)
    throw invalid(`${field}.configsByTier`, 'must not be empty');
  const tiers = new Set<string>();
  return configs.map((raw: TierConfig, i) => {
    const f = `${field}.configsByTier[${i}]`;
    pointsInt(raw.costInPoints, `${f}.costInPoints`, { min: 1 });
    const tier = raw.tierId ?? '';
    if (tiers.has(tier)) throw invalid(`${f}.tierId`, 'one config per tier');
    tiers.add(tier);
    value?.(raw, f);
    return raw;
  });
}

/** Validates a whole reward (create, or existing + update). Unknown extra fields pass through untouched. */
function checkReward(reward: Partial<Reward>): void {
  if (typeof reward.name !== 'string' || reward.name.length < 1 || reward.name.length > 50) {
    throw invalid('reward.name', 'must be 1-50 characters');
  }
  if (reward.type === 'DISCOUNT_AMOUNT') {
    checkConfigs(reward.discountAmount?.configsByTier, 'reward.discountAmount', (c, f) => {
      // A DECIMAL_VALUE on the wire: a string such as "10" or "2.50".
      if (typeof c.amount !== 'string' || decimal(c.amount, `${f}.amount`) <= 0)
        throw invalid(`${f}.amount`, 'must be a positive decimal string');
    });
  } else if (reward.type === 'COUPON_REWARD') {
    const coupon: CouponReward = reward.couponReward ?? {};
    const kinds = COUPON_KINDS.filter((k) => coupon[k] !== undefined && coupon[k] !== null);
    if (kinds.length !== 1)
      throw invalid('reward.couponReward', 'needs exactly one of fixedAmount, percentage, freeShipping');
    const kind = kinds[0] as (typeof COUPON_KINDS)[number];
    checkConfigs(coupon[kind]?.configsByTier, `reward.couponReward.${kind}`, (c, f) => {
      if (kind === 'fixedAmount') finitePositive(c.amount, `${f}.amount`);
      if (kind === 'percentage' && finitePositive(c.percentage, `${f}.percentage`) > 100) {
        throw invalid(`${f}.percentage`, 'must be <= 100');
      }
    });
  } else {
    throw invalid('reward.type', 'must be COUPON_REWARD or DISCOUNT_AMOUNT');
  }
}

export function getRewardTx(reader: DocumentReader, id: string): Reward {
  const reward = reader.get<Reward>(LOYALTY_REWARDS, id);
  if (!reward) throw new WixApiError(404, 'REWARD_NOT_FOUND', 'Loyalty reward not found', { rewardId: id });
  return reward;
}

/** Loyalty rewards (`@wix/loyalty` rewards): create, get, list (active only), query, update, delete. */
export function registerRewardRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;

  app.post(P, async (c) => {
    const { reward: input } = await body<{ reward?: Partial<Reward> }>(c);
    const { id: _id, revision: _rev, createdDate: _c, updatedDate: _u, ...fields } = input ?? {};
    checkReward(fields);
    const at = ctx.clock.now().toISOString();
    const reward = {
      ...fields,
      id: newId(),
      active: fields.active === true,
      revision: '1',
      createdDate: at,
      updatedDate: at,
    };
    return c.json({ reward: store.transact((tx) => tx.put(LOYALTY_REWARDS, reward as Reward)) });
  });

  // listRewards returns only active rewards, as Wix does.
  app.get(P, (c) => {
    const cursor = c.req.query('cursorPaging.cursor');
    const query: WixQuery = {
      filter: { active: true },
      cursorPaging: { limit: c.req.query('cursorPaging.limit') ?? 50, ...(cursor ? { cursor } : {}) },
    };
    const { items, metadata } = runQuery(store.all<Reward>(LOYALTY_REWARDS), query);
    return c.json({ rewards: items, pagingMetadata: metadata });
  });

  app.post(`${P}/query`, async (c) => {
    const { query } = await body<{ query?: WixQuery }>(c);
    const { items, metadata } = runQuery(store.all<Reward>(LOYALTY_REWARDS), query);
    return c.json({ rewards: items, pagingMetadata: metadata });
  });

  app.get(`${P}/:id`, (c) => c.json({ reward: getRewardTx(store, c.req.param('id')) }));

  // updateReward: the current revision is required; given fields replace the stored ones.
  app.put(`${P}/:id`, async (c) => {
    const id = c.req.param('id');
    const { reward: input } = await body<{ reward?: Partial<Reward> }>(c);
    const { id: _id, revision, createdDate: _c, updatedDate: _u, ...fields } = input ?? {};
    if (typeof revision !== 'string') throw invalid('reward.revision', 'must not be empty');
    const at = ctx.clock.now().toISOString();
    const reward = store.transact((tx) => {
      const existing = getRewardTx(tx, id);
      if (existing.revision !== revision) {
        throw new WixApiError(409, 'REVISION_MISMATCH', 'The reward was changed since that revision', {
          rewardId: id,
          revision: existing.revision,
        });
      }
      const merged: Reward = {
        ...existing,
        ...fields,
        revision: nextRevision(existing.revision),
        updatedDate: at,
      };
      if (fields.type === 'COUPON_REWARD') delete merged.discountAmount;
      if (fields.type === 'DISCOUNT_AMOUNT') delete merged.couponReward;
      checkReward(merged);
      return tx.put(LOYALTY_REWARDS, merged);
    });
    return c.json({ reward });
  });

  app.delete(`${P}/:id`, (c) => {
    const id = c.req.param('id');
    const revision = c.req.query('revision');
    store.transact((tx) => {
      const existing = getRewardTx(tx, id);
      if (revision && revision !== existing.revision) {
        throw new WixApiError(409, 'REVISION_MISMATCH', 'The reward was changed since that revision', {
          rewardId: id,
        });
      }
      tx.delete(LOYALTY_REWARDS, id);
    });
    return c.json({});
  });
}
