import { randomInt } from 'node:crypto';
import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import type { DocumentReader, DocumentWriter } from '../document-store';
import { requireCurrentMember } from '../members/identity';
import { runQuery, type WixQuery } from '../query';
import { body, newId, nextRevision, requireString, WixApiError } from '../wire';
import {
  LOYALTY_ACCOUNTS,
  LOYALTY_COUPONS,
  type LoyaltyAccount,
  type LoyaltyCoupon,
  type Reward,
  type TierConfig,
} from './model';
import { applyPoints, baseCost, getAccountTx } from './points';
import { getRewardTx } from './rewards';

const P = '/loyalty-coupons/v1/coupons';
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A reference-coupon code like Wix's (12 uppercase letters/digits), unique among this site's coupons. */
function uniqueCode(reader: DocumentReader): string {
  const taken = new Set(reader.all<LoyaltyCoupon>(LOYALTY_COUPONS).map((c) => c.couponReference.code));
  for (;;) {
    const code = Array.from({ length: 12 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    if (!taken.has(code)) return code;
  }
}

/** The reference coupon's specification, from the reward's base-tier config. */
function specificationOf(reward: Reward): Record<string, unknown> {
  const { fixedAmount, percentage, freeShipping, ...limits } = reward.couponReward ?? {};
  const base = (configs: TierConfig[] | undefined) =>
    configs?.find((c) => c.tierId === undefined || c.tierId === null);
  const spec = { name: reward.name, limitedToOneItem: false, ...limits };
  if (fixedAmount)
    return { ...spec, type: 'MONEY_OFF_AMOUNT', moneyOffAmount: base(fixedAmount.configsByTier)?.amount };
  if (percentage)
    return { ...spec, type: 'PERCENT_OFF_RATE', percentOffRate: base(percentage.configsByTier)?.percentage };
  if (freeShipping) return { ...spec, type: 'FREE_SHIPPING', freeShipping: true };
  return { ...spec, type: 'UNKNOWN' };
}

/**
 * Redeems an account's points for a coupon reward, atomically in `tx`: deducts the base-tier cost, writes
 * the REDEEM transaction and creates the ACTIVE loyalty coupon. Any failure (reward missing 404, inactive or
 * not a coupon reward 428, not enough points 428) leaves everything unchanged.
 */
function redeemTx(tx: DocumentWriter, account: LoyaltyAccount, rewardId: string, now: string): LoyaltyCoupon {
  const reward = getRewardTx(tx, rewardId);
  if (!reward.active)
    throw new WixApiError(428, 'REWARD_NOT_ACTIVE', 'The reward is not active', { rewardId });
  if (reward.type !== 'COUPON_REWARD') {
    throw new WixApiError(
      428,
      'INVALID_REWARD_TYPE',
      'Only COUPON_REWARD rewards can be redeemed for a coupon',
      {
        rewardId,
        type: reward.type,
      },
    );
  }
  const cost = baseCost(reward);
  if (cost === undefined) {
    throw new WixApiError(428, 'REWARD_NOT_AVAILABLE', 'The reward has no base-tier config', { rewardId });
  }
  const couponId = newId();
  const redeemInfo = { rewardId, rewardType: reward.type, referenceEntityId: couponId };
  const { transaction } = applyPoints(
    tx,
    account,
    { type: 'REDEEM', delta: -cost, description: `Redeemed for ${reward.name}`, info: { redeemInfo } },
    now,
  );
  const coupon: LoyaltyCoupon = {
    id: couponId,
    accountId: account.id,
    memberId: account.memberId,
    transactionId: transaction.id,
    couponReference: {
      couponId: newId(),
      code: uniqueCode(tx),
      name: reward.name,
      specification: specificationOf(reward),
    },
    status: 'ACTIVE',
    rewardName: reward.name,
    revision: '1',
    createdDate: now,
    updatedDate: now,
  };
  return tx.put(LOYALTY_COUPONS, coupon);
}

const couponNotFound = (id: string) =>
  new WixApiError(404, 'LOYALTY_COUPON_NOT_FOUND', 'Loyalty coupon not found', { loyaltyCouponId: id });

/** Loyalty coupons (`@wix/loyalty` coupons). Static paths are registered before `/:id`. */
export function registerCouponRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;
  const now = () => ctx.clock.now().toISOString();

  app.post(P, async (c) => {
    const req = await body<{ rewardId?: unknown; loyaltyAccountId?: unknown }>(c);
    const rewardId = requireString(req.rewardId, 'rewardId');
    const accountId = requireString(req.loyaltyAccountId, 'loyaltyAccountId');
    const at = now();
    const coupon = store.transact((tx) => redeemTx(tx, getAccountTx(tx, accountId), rewardId, at));
    return c.json({ coupon });
  });

  // The member is the subject of the member token (members/identity.ts).
  app.post(`${P}/redeem-my-coupon`, async (c) => {
    const memberId = requireCurrentMember(c);
    const rewardId = requireString((await body<{ rewardId?: unknown }>(c)).rewardId, 'rewardId');
    const at = now();
    const coupon = store.transact((tx) => {
      const account = tx.all<LoyaltyAccount>(LOYALTY_ACCOUNTS).find((a) => a.memberId === memberId);
      if (!account)
        throw new WixApiError(404, 'ACCOUNT_NOT_FOUND', 'Loyalty account not found', { memberId });
      return redeemTx(tx, account, rewardId, at);
    });
    return c.json({ coupon });
  });

  app.get(`${P}/my-coupons`, (c) => {
    const memberId = requireCurrentMember(c);
    const loyaltyCoupons = store.all<LoyaltyCoupon>(LOYALTY_COUPONS).filter((x) => x.memberId === memberId);
    return c.json({ loyaltyCoupons });
  });

  // The builder reads this response's paging from `metadata` (unlike accounts and transactions).
  app.post(`${P}/query`, async (c) => {
    const { query } = await body<{ query?: WixQuery }>(c);
    const { items, metadata } = runQuery(store.all<LoyaltyCoupon>(LOYALTY_COUPONS), query);
    return c.json({ loyaltyCoupons: items, metadata });
  });

  app.get(`${P}/:id`, (c) => {
    const id = c.req.param('id');
    const loyaltyCoupon = store.get<LoyaltyCoupon>(LOYALTY_COUPONS, id);
    if (!loyaltyCoupon) throw couponNotFound(id);
    return c.json({ loyaltyCoupon });
  });

  // Deleting archives the coupon and its reference coupon; it does not refund (callers adjust points).
  app.delete(`${P}/:id`, (c) => {
    const id = c.req.param('id');
    const revision = c.req.query('revision');
    const at = now();
    store.transact((tx) => {
      const coupon = tx.get<LoyaltyCoupon>(LOYALTY_COUPONS, id);
      if (!coupon) throw couponNotFound(id);
      if (coupon.status === 'ARCHIVED') return;
      if (revision && revision !== coupon.revision) {
        throw new WixApiError(409, 'REVISION_MISMATCH', 'The coupon was changed since that revision', {
          loyaltyCouponId: id,
          revision: coupon.revision,
        });
      }
      tx.put(LOYALTY_COUPONS, {
        ...coupon,
        status: 'ARCHIVED',
        couponReference: { ...coupon.couponReference, deleted: true },
        revision: nextRevision(coupon.revision),
        updatedDate: at,
      });
    });
    return c.json({});
  });
}
