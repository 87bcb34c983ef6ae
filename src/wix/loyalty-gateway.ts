import { accounts, coupons, transactions as loyaltyTransactions, rewards } from '@wix/loyalty';
import { AppError } from '../core/errors';
import type { LoyaltyGateway, PointsChange } from '../core/ports/loyalty';
import type { Elevate } from './clients';
import { wixCall, wixErrorCode, wixVoidCall } from './errors';
import {
  type Account,
  type Coupon,
  type Reward,
  type Transaction,
  toAccount,
  toCoupon,
  toReward,
  toTransaction,
} from './loyalty-views';

/** The Wix Loyalty app's own id: what Wix records on points given by hand. */
export const WIX_LOYALTY_APP_ID = '553c79f3-5625-4f38-b14b-ef7c0d1e87df';

const REVISION_RETRIES = 5;
const PAGE = 100;
const MAX_PAGES = 20;

const causeCode = (err: unknown) => wixErrorCode((err as { cause?: unknown }).cause);

/**
 * Wix Loyalty through the real SDK, every call elevated (the caller was authorized before).
 * `appId` is recorded on points this app gives.
 */
export function createLoyaltyGateway(elevate: Elevate, options: { appId: string }): LoyaltyGateway {
  const getAccountBy = async (by: { memberId: string } | { contactId: string }) => {
    try {
      const res = await wixCall('getAccountBySecondaryId', () =>
        elevate(accounts.getAccountBySecondaryId)(by),
      );
      return res.account ? toAccount(res.account) : undefined;
    } catch (err) {
      if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
      throw err;
    }
  };

  const queryCoupons = async (filter: Record<string, unknown>) => {
    const found: Coupon[] = [];
    let res = await wixCall('queryLoyaltyCoupons', () =>
      elevate(coupons.queryLoyaltyCoupons)({
        filter,
        sort: [{ fieldName: '_createdDate', order: 'DESC' }],
        cursorPaging: { limit: PAGE },
      }),
    );
    for (let pages = 1; ; pages++) {
      found.push(...(res.loyaltyCoupons ?? []));
      const cursor = res.metadata?.cursors?.next;
      if (!cursor || pages >= MAX_PAGES) return found.map(toCoupon);
      res = await wixCall('queryLoyaltyCoupons', () =>
        elevate(coupons.queryLoyaltyCoupons)({ cursorPaging: { cursor, limit: PAGE } }),
      );
    }
  };

  const queryTransactions = async (filter: Record<string, unknown>, limit: number) => {
    const found: Transaction[] = [];
    let res = await wixCall('queryLoyaltyTransactions', () =>
      elevate(loyaltyTransactions.queryLoyaltyTransactions)({
        filter,
        sort: [{ fieldName: '_createdDate', order: 'DESC' }],
        cursorPaging: { limit: Math.min(limit, PAGE) },
      }),
    );
    for (let pages = 1; ; pages++) {
      found.push(...(res.loyaltyTransactions ?? []));
      const cursor = res.pagingMetadata?.cursors?.next;
      if (!cursor || found.length >= limit || pages >= MAX_PAGES)
        return found.slice(0, limit).map(toTransaction);
      res = await wixCall('queryLoyaltyTransactions', () =>
        elevate(loyaltyTransactions.queryLoyaltyTransactions)({ cursorPaging: { cursor, limit: PAGE } }),
      );
    }
  };

  return {
    getAccountByMember: (memberId) => getAccountBy({ memberId }),

    async createAccount(contactId) {
      try {
        const res = await wixCall('createAccount', () => elevate(accounts.createAccount)(contactId));
        if (res.account) return toAccount(res.account);
      } catch (err) {
        if (causeCode(err) !== 'ACCOUNT_ALREADY_EXISTS') throw err;
      }
      // One account per contact: an existing one (or a racing creator's) is the account.
      const existing = await getAccountBy({ contactId });
      if (!existing)
        throw new AppError('INTERNAL', `No loyalty account for contact ${contactId} after create`);
      return existing;
    },

    async earnPoints(input) {
      const res = await wixCall('earnPoints', () =>
        elevate(accounts.earnPoints)(input.accountId, {
          amount: input.amount,
          appId: options.appId,
          idempotencyKey: input.idempotencyKey,
          description: input.description,
          ...(input.orderId ? { orderId: input.orderId } : {}),
        }),
      );
      return pointsChange(res);
    },

    async adjustPoints(input) {
      // The revision makes each attempt apply to the balance it read; a concurrent change means read again.
      for (let attempt = 1; ; attempt++) {
        const account = await wixCall('getAccount', () => elevate(accounts.getAccount)(input.accountId));
        try {
          const res = await wixCall('adjustPoints', () =>
            elevate(accounts.adjustPoints)(input.accountId, {
              amount: input.delta,
              description: input.description,
              revision: account.revision ?? undefined,
            }),
          );
          return pointsChange(res);
        } catch (err) {
          if (causeCode(err) !== 'REVISION_MISMATCH' || attempt >= REVISION_RETRIES) throw err;
        }
      }
    },

    async listRewards() {
      const found: Reward[] = [];
      let cursor: string | null | undefined;
      for (let pages = 0; pages < MAX_PAGES; pages++) {
        const res = await wixCall('listRewards', () =>
          elevate(rewards.listRewards)({ cursorPaging: { limit: PAGE, ...(cursor ? { cursor } : {}) } }),
        );
        found.push(...(res.rewards ?? []));
        cursor = res.pagingMetadata?.cursors?.next;
        if (!cursor) break;
      }
      return found.map(toReward);
    },

    async getReward(rewardId) {
      try {
        return toReward(await wixCall('getReward', () => elevate(rewards.getReward)(rewardId)));
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },

    async redeemPointsForCoupon(rewardId, accountId) {
      const res = await wixCall('redeemPointsForCoupon', () =>
        elevate(coupons.redeemPointsForCoupon)(rewardId, { loyaltyAccountId: accountId }),
      );
      if (!res.coupon) throw new AppError('INTERNAL', 'Wix redeemed points but returned no coupon');
      return toCoupon(res.coupon);
    },

    async findCouponsCreatedSince(accountId, rewardId, since) {
      const createdSince = { $gte: since };
      // A coupon does not name its reward; its REDEEM transaction does (and names the coupon).
      const [candidates, redeems] = await Promise.all([
        queryCoupons({ accountId, _createdDate: createdSince }),
        queryTransactions(
          { accountId, transactionType: 'REDEEM', _createdDate: createdSince },
          PAGE * MAX_PAGES,
        ),
      ]);
      const ofReward = redeems.filter((t) => t.rewardId === rewardId);
      const couponIds = new Set(ofReward.map((t) => t.referenceEntityId));
      const transactionIds = new Set(ofReward.map((t) => t.id));
      return candidates.filter(
        (c) => couponIds.has(c.id) || (c.transactionId !== null && transactionIds.has(c.transactionId)),
      );
    },

    listCoupons: (accountId) => queryCoupons({ accountId }),

    async getCoupon(couponId) {
      try {
        return toCoupon(await wixCall('getLoyaltyCoupon', () => elevate(coupons.getLoyaltyCoupon)(couponId)));
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },

    async deleteCoupon(couponId, revision) {
      try {
        await wixVoidCall('deleteLoyaltyCoupon', () =>
          elevate(coupons.deleteLoyaltyCoupon)(couponId, revision),
        );
        return true;
      } catch (err) {
        if (causeCode(err) === 'REVISION_MISMATCH') return false;
        throw err;
      }
    },

    listTransactions: (accountId, limit) => queryTransactions({ accountId }, limit),
  };
}

function pointsChange(res: { account?: Account; transactionId?: string }): PointsChange {
  if (!res.account) throw new AppError('INTERNAL', 'Wix changed points but returned no account');
  return { account: toAccount(res.account), transactionId: res.transactionId ?? '' };
}
