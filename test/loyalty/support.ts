import type { RedemptionView } from '../../backend/views';
import { type CallResult, startTestApp, type TestApp } from '../support/app';

export interface LoyaltyTestApp extends TestApp {
  admin: string;
  /** Signs up and enrolls a member (which opens their loyalty account), then gives them points. */
  memberWithPoints(id: string, points: number): Promise<string>;
  /** The reward setup created from config/gym-program.json, by name. */
  rewardId(name: string): string;
  /** The member's balance, read straight from the local Wix. */
  pointsOf(memberId: string): Promise<number>;
  /** The member's loyalty coupons, read straight from the local Wix. */
  couponsOf(memberId: string): Promise<{ id: string; code: string; status: string }[]>;
  redeem(
    token: string,
    rewardId: string,
    idempotencyKey: string,
  ): Promise<CallResult<{ redemption: RedemptionView; replayed: boolean }>>;
}

export const TEN_PERCENT = '10% off';
export const FIVE_OFF = '$5 off';
export const CASHBACK = 'Cashback';

export async function startLoyaltyApp(
  options: Parameters<typeof startTestApp>[0] = {},
): Promise<LoyaltyTestApp> {
  const app = await startTestApp(options);
  const admin = await app.adminToken();
  const sdk = app.running.wix.elevated;
  const accountOf = async (memberId: string) =>
    (await sdk.accounts.getAccountBySecondaryId({ memberId })).account;

  return {
    ...app,
    admin,
    async memberWithPoints(id, points) {
      const token = await app.member(id);
      if (points > 0) {
        const given = await app.call(
          'dashboard/adjustPoints',
          [{ memberId: id, amount: points, reason: 'test setup', idempotencyKey: `setup-points-${id}` }],
          admin,
        );
        if (given.status !== 200) throw new Error(`points ${id}: ${JSON.stringify(given.body)}`);
      }
      return token;
    },
    rewardId(name) {
      const reward = app.running.setup.loyaltyRewards.find((r) => r.name === name);
      if (!reward) throw new Error(`no reward ${name} in the test program`);
      return reward.rewardId;
    },
    async pointsOf(memberId) {
      return (await accountOf(memberId))?.points?.balance ?? 0;
    },
    async couponsOf(memberId) {
      const account = await accountOf(memberId);
      const found = await sdk.coupons.queryLoyaltyCoupons().eq('accountId', account?._id).limit(100).find();
      return found.items.map((c) => ({
        id: c._id ?? '',
        code: c.couponReference?.code ?? '',
        status: c.status ?? '',
      }));
    },
    redeem: (token, rewardId, idempotencyKey) =>
      app.call('loyalty/redeemMyPointsForCoupon', [{ rewardId, idempotencyKey }], token),
  };
}
