import { z } from '@hono/zod-openapi';
import { redemptionStatuses } from '../../../core/redemption';

// The Expys wire (partner-apis.md §1.4), camelCase as Expys spells it (`externalUserID`, `redemptionID`).

export const canceledReasons = [
  'SOLD_OUT',
  'VENDOR_DECLINED',
  'DATE_UNAVAILABLE',
  'MEMBER_REQUESTED',
  'EXPIRED',
  'OTHER',
] as const;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'INSUFFICIENT_POINTS' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

export const CurrencySchema = z
  .object({
    name: z.string(),
    symbol: z.string(),
    unitsPerUSD: z.number().openapi({ description: 'Units of this currency one US dollar buys' }),
  })
  .openapi('Currency');

export const OfferSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string(),
    shortDescription: z.string(),
    kind: z
      .string()
      .openapi({ description: '`benefit` (merchandise, tokens) or `reward` (a coupon, points)' }),
    type: z.string().openapi({ description: 'The currency it is priced in: `tokens` or `points`' }),
    pointsPrice: z.number().int().nullable(),
    expiresAt: z.string().nullable(),
    startAt: z.string().nullable(),
    endAt: z.string().nullable(),
    availability: z.object({
      isAvailable: z.boolean(),
      quantityRemaining: z.number().int().optional().openapi({ description: 'Absent when unlimited' }),
    }),
    display: z
      .object({ amount: z.number(), currency: CurrencySchema })
      .nullable()
      .openapi({ description: 'The price in the org’s display currency' }),
    valueUSD: z.number().nullable(),
    images: z.array(z.string()),
    inclusions: z.array(z.object({ group: z.string(), name: z.string() })),
    location: z
      .object({
        address: z.string().nullable(),
        city: z.string().nullable(),
        countryCode: z.string().nullable(),
        display: z.string(),
        state: z.string().nullable(),
        venue: z.string().nullable(),
      })
      .nullable(),
    maxGuests: z.number().int().nullable(),
    disclaimer: z.string().nullable(),
  })
  .openapi('Offer');

export const OfferListSchema = z
  .object({ data: z.array(OfferSchema), nextCursor: z.string().nullable() })
  .openapi('OfferList');

export const FeedbackSchema = z
  .object({ rating: z.number().int(), comment: z.string().nullable(), submittedAt: z.string() })
  .openapi('Feedback');

export const RedemptionSchema = z
  .object({
    id: z.string(),
    offer: z.string().openapi({ description: 'The id of the redeemed offer' }),
    status: z.enum(redemptionStatuses),
    createdAt: z.string(),
    startAt: z.string().nullable(),
    endAt: z.string().nullable(),
    canceledReason: z.enum(canceledReasons).nullable(),
    canceledNote: z.string().nullable(),
    conversationId: z.string().nullable().openapi({ description: 'Always null: no concierge here' }),
    feedback: FeedbackSchema.nullable(),
    pointsPrice: z.number().int(),
    code: z.string().nullable().openapi({ description: 'The coupon code of a points offer, once bought' }),
  })
  .openapi('Redemption');

export const RedemptionListSchema = z
  .object({ redemptions: z.array(RedemptionSchema), nextCursor: z.string().nullable() })
  .openapi('ListRedemptionsResponse');

export const TokenGrantSchema = z
  .object({ accessToken: z.string(), expiresAt: z.string() })
  .openapi('TokenGrant');

export const WalletSchema = z
  .object({
    balance: z.number(),
    amountReceived: z.number(),
    amountSpent: z.number(),
    balanceDisplay: z.number(),
    amountReceivedDisplay: z.number(),
    amountSpentDisplay: z.number(),
    balanceUSD: z.number(),
    amountReceivedUSD: z.number(),
    amountSpentUSD: z.number(),
    currency: CurrencySchema,
  })
  .openapi('Wallet');

export const TransactionSchema = z
  .object({
    id: z.string(),
    amount: z.number(),
    createdAt: z.string(),
    reason: z.string().nullable(),
    redemptionID: z.string().nullable(),
    type: z.enum(['credit', 'debit']),
  })
  .openapi('Transaction');

export const TransactionListSchema = z
  .object({ transactions: z.array(TransactionSchema), nextCursor: z.string().nullable() })
  .openapi('ListTransactionsResponse');

export const CreditWalletResponseSchema = z
  .object({ balance: z.number(), currency: CurrencySchema })
  .openapi('CreditWalletResponse');

export const EligibilitySchema = z
  .object({
    tier: z.string().optional().openapi({ description: 'Absent when none was set' }),
    wallet: WalletSchema,
  })
  .openapi('Eligibility');

const counts = Object.fromEntries(redemptionStatuses.map((s) => [s, z.number().int()])) as Record<
  (typeof redemptionStatuses)[number],
  z.ZodNumber
>;

export const MemberSummarySchema = z
  .object({
    externalUserID: z.string(),
    displayName: z.string().nullable(),
    tier: z.string().optional().openapi({ description: 'Absent when none was set' }),
    attributes: z.record(z.string(), z.unknown()).nullable(),
    wallet: WalletSchema,
    redemptionCounts: z.object(counts),
  })
  .openapi('MemberSummary');

export const RemoveMemberSchema = z
  .object({ archived: z.boolean(), balanceRetained: z.boolean(), externalUserID: z.string() })
  .openapi('RemoveMemberResponse');

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.string()),
    environment: z.enum(['LIVE', 'SANDBOX']),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .openapi('Webhook');

export const WebhookCreatedSchema = WebhookSchema.extend({
  signingSecret: z.string().openapi({ description: 'whsec_…, shown once' }),
}).openapi('WebhookCreated');

export const WebhookListSchema = z.object({ data: z.array(WebhookSchema) }).openapi('WebhookEndpointList');

export const DeletedWebhookSchema = z
  .object({ id: z.string(), ok: z.boolean() })
  .openapi('DeleteWebhookResponse');

// ---------------------------------------------------------------- reports, terms, feedback

export const MemberListSchema = z
  .object({ members: z.array(MemberSummarySchema), nextCursor: z.string().nullable() })
  .openapi('ListMembersResponse');

export const OrgBalanceSchema = z
  .object({
    balance: z.number(),
    balanceDisplay: z.number(),
    balanceUSD: z.number(),
    creditLimit: z.number(),
    creditLimitUSD: z.number(),
    lifetimeSpent: z.number(),
    lifetimeSpentUSD: z.number(),
    ratePerPoint: z.number().openapi({ description: 'US dollars one point is worth' }),
    settlementMode: z.enum(['MEMBER_WALLET', 'ORG_POOL']),
  })
  .openapi('GetBalanceResponse');

const lower = Object.fromEntries(
  redemptionStatuses.map((s) => [s.toLowerCase(), z.number().int()]),
) as Record<Lowercase<(typeof redemptionStatuses)[number]>, z.ZodNumber>;

export const AnalyticsSummarySchema = z
  .object({
    completionRate: z.number(),
    memberCount: z.number().int(),
    pointsMinted: z.number(),
    pointsSpent: z.number(),
    redemptions: z.object({ ...lower, total: z.number().int() }),
  })
  .openapi('GetAnalyticsSummaryResponse');

export const AnalyticsOffersSchema = z
  .object({
    offers: z.array(
      z.object({
        offerId: z.string(),
        signups: z.number().int(),
        completions: z.number().int(),
        cancellations: z.number().int(),
        pointsSpent: z.number(),
      }),
    ),
  })
  .openapi('GetAnalyticsOffersResponse');

export const TimeseriesSchema = z
  .object({
    buckets: z.array(
      z.object({
        startTime: z.string(),
        endTime: z.string(),
        pointsMinted: z.number(),
        pointsSpent: z.number(),
        signups: z.number().int(),
      }),
    ),
  })
  .openapi('GetAnalyticsTimeseriesResponse');

const termsType = z.enum(['TERMS_OF_SERVICE', 'PRIVACY_POLICY']);

export const TermsSchema = z
  .object({
    documents: z.array(
      z.object({
        type: termsType,
        version: z.string(),
        publishedAt: z.string(),
        acceptedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('GetTermsResponse');

export const TermsContentSchema = z
  .object({
    type: termsType,
    version: z.string(),
    publishedAt: z.string(),
    contentHTML: z.string(),
    renderedHash: z.string().openapi({ description: 'sha256 of contentHTML' }),
  })
  .openapi('GetTermsContentResponse');
