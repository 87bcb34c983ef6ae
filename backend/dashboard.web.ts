import { Permissions } from '@wix/web-methods';
import { z } from 'zod';
import { adjustTokens as adjustTokensUseCase } from '../src/core/benefits/adjust-tokens';
import { redeemBenefit } from '../src/core/benefits/redeem-benefit';
import { adjustPoints as adjustPointsUseCase } from '../src/core/loyalty/adjust-points';
import { redeemPointsForCoupon as redeemPointsForCouponUseCase } from '../src/core/loyalty/redeem-points-for-coupon';
import { enrollMember as enrollMemberUseCase } from '../src/core/members/enroll-member';
import { getMemberOverview as getMemberOverviewUseCase } from '../src/core/members/get-member-overview';
import { redemptionStatuses } from '../src/core/redemption';
import { cancelRedemption as cancelRedemptionUseCase } from '../src/core/redemptions/cancel-redemption';
import { listRedemptions as listRedemptionsUseCase } from '../src/core/redemptions/list-redemptions';
import { moveRedemption } from '../src/core/redemptions/move-redemption';
import { asAdmin } from './context';
import { hosted } from './hosted';
import { parseInput } from './input';
import { externalId, idempotencyKey, memberId, rewardId } from './schemas';
import { toRedemptionView } from './views';

// Dashboard pages call these for site staff, who may name the member they act for.

const memberInput = z.strictObject({ memberId });

/** Provisions the rewards program for an existing site member; enrolling twice changes nothing. */
export const enrollMember = hosted(
  'dashboard',
  'enrollMember',
  Permissions.Admin,
  async (input: z.input<typeof memberInput>) => {
    const args = parseInput(memberInput, input);
    const { deps } = await asAdmin();
    return enrollMemberUseCase(deps, args);
  },
);

export const getMemberOverview = hosted(
  'dashboard',
  'getMemberOverview',
  Permissions.Admin,
  async (input: z.input<typeof memberInput>) => {
    const args = parseInput(memberInput, input);
    const { deps } = await asAdmin();
    const overview = await getMemberOverviewUseCase(deps, args.memberId);
    return { ...overview, recentRedemptions: overview.recentRedemptions.map(toRedemptionView) };
  },
);

/** A manual balance change by staff: tokens or points alike. */
const adjustmentInput = z.strictObject({
  memberId,
  amount: z
    .number()
    .int()
    .refine((n) => n !== 0, 'must not be zero'),
  reason: z.string().trim().min(1).max(200),
  idempotencyKey,
});

export const adjustTokens = hosted(
  'dashboard',
  'adjustTokens',
  Permissions.Admin,
  async (input: z.input<typeof adjustmentInput>) => {
    const args = parseInput(adjustmentInput, input);
    const { deps, actor } = await asAdmin();
    const { value, replayed } = await adjustTokensUseCase(deps, { ...args, actor });
    return { ...value, replayed };
  },
);

const redeemForMemberInput = z.strictObject({
  memberId,
  externalId,
  idempotencyKey,
  count: z.number().int().min(1).max(100).default(1),
});

export const redeemBenefitForMember = hosted(
  'dashboard',
  'redeemBenefitForMember',
  Permissions.Admin,
  async (input: z.input<typeof redeemForMemberInput>) => {
    const args = parseInput(redeemForMemberInput, input);
    const { deps, actor } = await asAdmin();
    const { value, replayed } = await redeemBenefit(deps, { ...args, channel: 'dashboard', actor });
    return { redemption: toRedemptionView(value), replayed };
  },
);

const redeemPointsInput = z.strictObject({ memberId, rewardId, idempotencyKey });

/** Staff spend a member's points on a coupon reward for them (seed 001), once per idempotency key. */
export const redeemPointsForCoupon = hosted(
  'dashboard',
  'redeemPointsForCoupon',
  Permissions.Admin,
  async (input: z.input<typeof redeemPointsInput>) => {
    const args = parseInput(redeemPointsInput, input);
    const { deps, actor } = await asAdmin();
    const { value, replayed } = await redeemPointsForCouponUseCase(deps, {
      ...args,
      channel: 'dashboard',
      actor,
    });
    return { redemption: toRedemptionView(value), replayed };
  },
);

/** Staff give (positive) or take back (negative) loyalty points; never below zero. */
export const adjustPoints = hosted(
  'dashboard',
  'adjustPoints',
  Permissions.Admin,
  async (input: z.input<typeof adjustmentInput>) => {
    const args = parseInput(adjustmentInput, input);
    const { deps, actor } = await asAdmin();
    const { value, replayed } = await adjustPointsUseCase(deps, { ...args, actor });
    return { ...value, replayed };
  },
);

const listRedemptionsInput = z.strictObject({
  memberId: memberId.optional(),
  status: z.enum(redemptionStatuses).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).nullish(),
});

export const listRedemptions = hosted(
  'dashboard',
  'listRedemptions',
  Permissions.Admin,
  async (input: z.input<typeof listRedemptionsInput> = {}) => {
    const args = parseInput(listRedemptionsInput, input);
    const { deps } = await asAdmin();
    const page = await listRedemptionsUseCase(deps, args);
    return { items: page.items.map(toRedemptionView), nextCursor: page.nextCursor };
  },
);

const cancelInput = z.strictObject({
  redemptionId: z.string().trim().min(1).max(100),
  reason: z.string().trim().min(1).max(200),
});

export const cancelRedemption = hosted(
  'dashboard',
  'cancelRedemption',
  Permissions.Admin,
  async (input: z.input<typeof cancelInput>) => {
    const args = parseInput(cancelInput, input);
    const { deps, actor } = await asAdmin();
    return toRedemptionView(await cancelRedemptionUseCase(deps, { ...args, actor }));
  },
);

const updateStatusInput = z.strictObject({
  redemptionId: z.string().trim().min(1).max(100),
  status: z.enum(redemptionStatuses),
  reason: z.string().trim().min(1).max(200).optional(),
  note: z.string().trim().max(500).optional(),
});

/** Staff move a booking along its lifecycle (CANCELED needs a reason and refunds once). */
export const updateRedemptionStatus = hosted(
  'dashboard',
  'updateRedemptionStatus',
  Permissions.Admin,
  async (input: z.input<typeof updateStatusInput>) => {
    const args = parseInput(updateStatusInput, input);
    const { deps, actor } = await asAdmin();
    const moved = await moveRedemption(deps, {
      redemptionId: args.redemptionId,
      to: args.status,
      reason: args.reason ?? null,
      note: args.note ?? null,
      actor,
    });
    return toRedemptionView(moved);
  },
);
