import { Permissions } from '@wix/web-methods';
import { z } from 'zod';
import { adjustTokens as adjustTokensUseCase } from '../src/core/benefits/adjust-tokens';
import { listEligibleBenefits } from '../src/core/benefits/list-eligible-benefits';
import { redeemBenefit } from '../src/core/benefits/redeem-benefit';
import {
  addWebhookSource,
  listIntegrations as listIntegrationsUseCase,
  removeIntegration,
} from '../src/core/integrations/webhook-sources';
import { adjustPoints as adjustPointsUseCase } from '../src/core/loyalty/adjust-points';
import { listMyCoupons } from '../src/core/loyalty/list-my-coupons';
import { listRewards } from '../src/core/loyalty/list-rewards';
import { redeemPointsForCoupon as redeemPointsForCouponUseCase } from '../src/core/loyalty/redeem-points-for-coupon';
import { enrollMember as enrollMemberUseCase } from '../src/core/members/enroll-member';
import { findMember as findMemberUseCase } from '../src/core/members/find-member';
import { getMemberOverview as getMemberOverviewUseCase } from '../src/core/members/get-member-overview';
import { redemptionStatuses } from '../src/core/redemption';
import { cancelRedemption as cancelRedemptionUseCase } from '../src/core/redemptions/cancel-redemption';
import { listRedemptions as listRedemptionsUseCase } from '../src/core/redemptions/list-redemptions';
import { moveRedemption } from '../src/core/redemptions/move-redemption';
import { getProgramReport as getProgramReportUseCase } from '../src/core/report/program-report';
import { addBonifiqIntegration } from '../src/partners/bonifiq/keys';
import { addExpysIntegration } from '../src/partners/expys/keys';
import { asAdmin } from './context';
import { createdWithin } from './days';
import { hosted } from './hosted';
import { parseInput } from './input';
import {
  count,
  cursor,
  externalId,
  idempotencyKey,
  limit,
  memberId,
  note,
  reason,
  redemptionId,
  rewardId,
} from './schemas';
import { toCouponView, toIntegrationView, toRedemptionView } from './views';

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
  reason,
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
  count,
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
  limit,
  cursor: cursor.nullish(),
  channel: z.string().trim().min(1).max(100).optional(),
  /** First and last UTC day of creation, inclusive (`YYYY-MM-DD`). */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export const listRedemptions = hosted(
  'dashboard',
  'listRedemptions',
  Permissions.Admin,
  async (input: z.input<typeof listRedemptionsInput> = {}) => {
    const { from, to, ...args } = parseInput(listRedemptionsInput, input);
    const { deps } = await asAdmin();
    const page = await listRedemptionsUseCase(deps, { ...args, ...createdWithin(from, to) });
    return { items: page.items.map(toRedemptionView), nextCursor: page.nextCursor };
  },
);

const cancelInput = z.strictObject({
  redemptionId,
  reason,
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
  redemptionId,
  status: z.enum(redemptionStatuses),
  reason: reason.optional(),
  note: note.optional(),
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

const findMemberInput = z.strictObject({ query: z.string().trim().min(1).max(320) });

/** Staff look a member up by site member id, email or CPF/CNPJ: the member's overview. */
export const findMember = hosted(
  'dashboard',
  'findMember',
  Permissions.Admin,
  async (input: z.input<typeof findMemberInput>) => {
    const args = parseInput(findMemberInput, input);
    const { deps } = await asAdmin();
    const memberId = await findMemberUseCase(deps, args.query);
    const overview = await getMemberOverviewUseCase(deps, memberId);
    return { ...overview, recentRedemptions: overview.recentRedemptions.map(toRedemptionView) };
  },
);

/** What staff can redeem for the member: merchandise (tokens) and coupon rewards (points), and their coupons. */
export const getMemberOffers = hosted(
  'dashboard',
  'getMemberOffers',
  Permissions.Admin,
  async (input: z.input<typeof memberInput>) => {
    const args = parseInput(memberInput, input);
    const { deps } = await asAdmin();
    const [benefits, rewards, coupons] = await Promise.all([
      listEligibleBenefits(deps, args.memberId),
      listRewards(deps, args.memberId),
      listMyCoupons(deps, args.memberId),
    ]);
    return { benefits, rewards, coupons: coupons.map(toCouponView) };
  },
);

/** Webhook sources and partner API integrations; no secret or key is ever shown again. */
export const listIntegrations = hosted('dashboard', 'listIntegrations', Permissions.Admin, async () => {
  const { deps } = await asAdmin();
  return { items: (await listIntegrationsUseCase(deps)).map(toIntegrationView) };
});

const integrationName = z.string().trim().min(1).max(40);
const addIntegrationInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('webhook'), name: integrationName }),
  z.strictObject({
    kind: z.literal('expys'),
    name: integrationName,
    environment: z.enum(['live', 'sandbox']).default('live'),
    currency: z.enum(['tokens', 'points']).default('points'),
  }),
  z.strictObject({ kind: z.literal('bonifiq'), name: integrationName }),
]);

/** Adds an integration; its secret (webhook), org key (Expys) or token and key (BonifiQ) are returned once. */
export const addIntegration = hosted(
  'dashboard',
  'addIntegration',
  Permissions.Admin,
  async (input: z.input<typeof addIntegrationInput>) => {
    const args = parseInput(addIntegrationInput, input);
    const { deps } = await asAdmin();
    if (args.kind === 'webhook') {
      const { integration, secret } = await addWebhookSource(deps, { name: args.name });
      return { integration: toIntegrationView(integration), credentials: { secret } };
    }
    if (args.kind === 'expys') {
      const { integration, key } = await addExpysIntegration(deps, args);
      return { integration: toIntegrationView(integration), credentials: { key } };
    }
    const { integration, token, key } = await addBonifiqIntegration(deps, { name: args.name });
    return { integration: toIntegrationView(integration), credentials: { token, key } };
  },
);

const revokeIntegrationInput = z.strictObject({ name: integrationName });

/** Revokes an integration: its signatures and keys stop working at once. */
export const revokeIntegration = hosted(
  'dashboard',
  'revokeIntegration',
  Permissions.Admin,
  async (input: z.input<typeof revokeIntegrationInput>) => {
    const args = parseInput(revokeIntegrationInput, input);
    const { deps } = await asAdmin();
    await removeIntegration(deps, args.name);
    return { name: args.name, revoked: true };
  },
);

const reportInput = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() });

/** The picture of the program per UTC day (30 days to today by default), from the app's own records. */
export const getProgramReport = hosted(
  'dashboard',
  'getProgramReport',
  Permissions.Admin,
  async (input: z.input<typeof reportInput> = {}) => {
    const args = parseInput(reportInput, input);
    const { deps } = await asAdmin();
    return getProgramReportUseCase(deps, args);
  },
);
