import { z } from 'zod';

// Expys' published response shapes, transcribed from its API reference (docs.expys.com/api-reference) and
// the schema its official SDKs are generated from (expys-typescript src/generated/schema.ts; the newer
// members of expys-kotlin's models: feedback, terms). Written from the docs, not from this app: an Expys
// client parses every answer with these, so any drift from the documented wire fails the test that saw it.
// Objects are open (a field Expys may add later is not an error); every documented field is checked.

const nullableString = z.string().nullable();

export const Currency = z.object({ name: z.string(), symbol: z.string(), unitsPerUSD: z.number() });

export const Availability = z.object({
  isAvailable: z.boolean(),
  // Expys' schema says number; a catalog with unlimited stock leaves it out.
  quantityRemaining: z.number().int().optional(),
});

export const Offer = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  shortDescription: z.string(),
  kind: z.string(),
  type: z.string(),
  pointsPrice: z.number().nullable(),
  expiresAt: nullableString,
  startAt: nullableString,
  endAt: nullableString,
  availability: Availability,
  display: z.object({ amount: z.number(), currency: Currency }).nullable(),
  valueUSD: z.number().nullable(),
  images: z.array(z.string()),
  inclusions: z.array(z.object({ group: z.string(), name: z.string() })),
  location: z
    .object({
      address: nullableString,
      city: nullableString,
      countryCode: nullableString,
      display: z.string(),
      state: nullableString,
      venue: nullableString,
    })
    .nullable(),
  maxGuests: z.number().nullable(),
  disclaimer: nullableString,
});

export const OfferList = z.object({ data: z.array(Offer), nextCursor: nullableString });

export const Feedback = z.object({
  rating: z.number().int(),
  comment: nullableString,
  submittedAt: z.string(),
});

export const Redemption = z.object({
  id: z.string(),
  offer: z.string(),
  status: z.string(),
  createdAt: z.string(),
  startAt: nullableString,
  endAt: nullableString,
  canceledReason: z
    .enum(['SOLD_OUT', 'VENDOR_DECLINED', 'DATE_UNAVAILABLE', 'MEMBER_REQUESTED', 'EXPIRED', 'OTHER'])
    .nullable(),
  canceledNote: nullableString,
  conversationId: nullableString.optional(),
  feedback: Feedback.nullable().optional(),
});

export const ListRedemptions = z.object({ redemptions: z.array(Redemption), nextCursor: nullableString });

export const Wallet = z.object({
  balance: z.number(),
  balanceDisplay: z.number(),
  balanceUSD: z.number(),
  amountReceived: z.number(),
  amountReceivedDisplay: z.number(),
  amountReceivedUSD: z.number(),
  amountSpent: z.number(),
  amountSpentDisplay: z.number(),
  amountSpentUSD: z.number(),
  currency: Currency,
});

export const Transaction = z.object({
  id: z.string(),
  amount: z.number(),
  createdAt: z.string(),
  reason: nullableString,
  redemptionID: nullableString,
  type: z.string(),
});

export const ListTransactions = z.object({ transactions: z.array(Transaction), nextCursor: nullableString });

export const CreditWalletResponse = z.object({ balance: z.number(), currency: Currency });

// tier is a string, left out when the partner never set one.
export const MemberEligibility = z.object({ tier: z.string().optional(), wallet: Wallet });

const statusCounts = {
  SUBMITTED: z.number(),
  OPEN: z.number(),
  AWAITING_VENDOR: z.number(),
  AWAITING_CUSTOMER: z.number(),
  PURCHASED: z.number(),
  COMPLETED: z.number(),
  CANCELED: z.number(),
};

export const MemberSummary = z.object({
  externalUserID: z.string(),
  displayName: nullableString,
  tier: z.string().optional(),
  attributes: z.record(z.string(), z.unknown()).nullable(),
  wallet: Wallet,
  redemptionCounts: z.object(statusCounts),
});

export const ListMembers = z.object({ members: z.array(MemberSummary), nextCursor: nullableString });

export const RemoveMember = z.object({
  archived: z.boolean(),
  balanceRetained: z.boolean(),
  externalUserID: z.string(),
});

export const TokenGrant = z.object({ accessToken: z.string(), expiresAt: z.string() });

export const GetBalance = z.object({
  balance: z.number(),
  balanceDisplay: z.number(),
  balanceUSD: z.number(),
  creditLimit: z.number(),
  creditLimitUSD: z.number(),
  lifetimeSpent: z.number(),
  lifetimeSpentUSD: z.number(),
  ratePerPoint: z.number(),
  settlementMode: z.enum(['MEMBER_WALLET', 'ORG_POOL']),
});

export const AnalyticsSummary = z.object({
  completionRate: z.number(),
  memberCount: z.number(),
  pointsMinted: z.number(),
  pointsSpent: z.number(),
  redemptions: z.object({
    submitted: z.number(),
    open: z.number(),
    awaiting_vendor: z.number(),
    awaiting_customer: z.number(),
    purchased: z.number(),
    completed: z.number(),
    canceled: z.number(),
    total: z.number(),
  }),
});

export const AnalyticsOffers = z.object({
  offers: z.array(
    z.object({
      offerId: z.string(),
      signups: z.number(),
      completions: z.number(),
      cancellations: z.number(),
      pointsSpent: z.number(),
    }),
  ),
});

export const AnalyticsTimeseries = z.object({
  buckets: z.array(
    z.object({
      startTime: z.string(),
      endTime: z.string(),
      pointsMinted: z.number(),
      pointsSpent: z.number(),
      signups: z.number(),
    }),
  ),
});

const legalType = z.enum(['TERMS_OF_SERVICE', 'PRIVACY_POLICY']);

export const GetTerms = z.object({
  documents: z.array(
    z.object({ acceptedAt: nullableString, publishedAt: z.string(), type: legalType, version: z.string() }),
  ),
});

export const GetTermsContent = z.object({
  contentHTML: z.string(),
  publishedAt: z.string(),
  renderedHash: z.string(),
  type: legalType,
  version: z.string(),
});

const environment = z.enum(['SANDBOX', 'LIVE']);

export const WebhookEndpoint = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  environment,
  createdAt: z.string(),
  disabledAt: nullableString,
});

export const WebhookEndpointList = z.object({ data: z.array(WebhookEndpoint) });

export const WebhookEndpointWithSecret = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  environment,
  createdAt: z.string(),
  signingSecret: z.string(),
});

export const DeleteWebhook = z.object({ id: z.string(), ok: z.boolean() });

/** Every error: `{"error":{"code","message"}}` (the newer SDKs also read `details`). */
export const ErrorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
