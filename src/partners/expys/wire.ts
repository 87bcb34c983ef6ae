import type { z } from '@hono/zod-openapi';
import { offerIdOf } from '../../core/analytics/partner-analytics';
import type { WebhookEndpoint } from '../../core/ports/outbox';
import type { Currency, Redemption, RedemptionStatus } from '../../core/redemption';
import {
  type CurrencySchema,
  canceledReasons,
  type OfferSchema,
  type RedemptionSchema,
  type TransactionSchema,
  type WalletSchema,
  type WebhookSchema,
} from './schemas/responses';
import type { Wallet } from './use-cases/get-wallet';
import type { Offer } from './use-cases/list-offers';
import type { LedgerEntry } from './use-cases/wallet-ledger';

// Core values → the Expys wire (its published schema: numbers where it says number, absent where it has
// nothing). Pure: the same value always gives the same bytes (replays rely on it).

/** US dollars one unit of each currency is worth (configured: EXPYS_USD_PER_POINT / _PER_TOKEN). */
export type UsdRates = Record<Currency, number>;

const NAMES: Record<Currency, { name: string; symbol: string }> = {
  tokens: { name: 'Tokens', symbol: 'TKN' },
  points: { name: 'Points', symbol: 'PTS' },
};

/** Dollars, to the cent. */
const usd = (amount: number, currency: Currency, rates: UsdRates) =>
  Math.round(amount * rates[currency] * 100) / 100;

export const toCurrency = (
  currency: Currency,
  rates: UsdRates,
  unit?: string,
): z.infer<typeof CurrencySchema> => ({
  ...NAMES[currency],
  ...(unit ? { name: unit } : {}),
  unitsPerUSD: 1 / rates[currency],
});

export function toOffer({ entry, isAvailable }: Offer, rates: UsdRates): z.infer<typeof OfferSchema> {
  return {
    id: entry.id,
    title: entry.title,
    description: entry.description ?? '',
    shortDescription: entry.description ?? '',
    kind: entry.benefit ? 'benefit' : 'reward',
    type: entry.currency,
    pointsPrice: entry.price,
    expiresAt: null,
    startAt: null,
    endAt: null,
    // Unlimited stock has no number: the field is left out.
    availability: { isAvailable, ...(entry.stock === null ? {} : { quantityRemaining: entry.stock }) },
    display: { amount: entry.price, currency: toCurrency(entry.currency, rates) },
    valueUSD: usd(entry.price, entry.currency, rates),
    images: [],
    inclusions: [],
    location: null,
    maxGuests: null,
    disclaimer: null,
  };
}

const EXPYS_REASONS: ReadonlySet<string> = new Set(canceledReasons);

/** Expys' closed set of cancel reasons; ours from other surfaces (a counter, staff) are OTHER. */
const reasonOf = (reason: string | null) =>
  reason === null ? null : EXPYS_REASONS.has(reason) ? (reason as (typeof canceledReasons)[number]) : 'OTHER';

export function toRedemption(
  r: Redemption,
  status: RedemptionStatus = r.status,
  feedback: z.infer<typeof RedemptionSchema>['feedback'] = null,
): z.infer<typeof RedemptionSchema> {
  const canceled = status === 'CANCELED';
  return {
    id: r.id,
    offer: offerIdOf(r),
    status,
    createdAt: r.createdAt,
    startAt: null,
    endAt: null,
    canceledReason: canceled ? reasonOf(r.canceledReason) : null,
    canceledNote: canceled ? r.canceledNote : null,
    conversationId: null,
    feedback,
    pointsPrice: r.price,
    code: r.wix.couponCode ?? null,
  };
}

export function toWallet(w: Wallet, rates: UsdRates): z.infer<typeof WalletSchema> {
  return {
    balance: w.balance,
    amountReceived: w.received,
    amountSpent: w.spent,
    // The display currency is the wallet's own unit: the same amounts.
    balanceDisplay: w.balance,
    amountReceivedDisplay: w.received,
    amountSpentDisplay: w.spent,
    balanceUSD: usd(w.balance, w.currency, rates),
    amountReceivedUSD: usd(w.received, w.currency, rates),
    amountSpentUSD: usd(w.spent, w.currency, rates),
    currency: toCurrency(w.currency, rates, w.unit),
  };
}

export const toTransaction = (t: LedgerEntry): z.infer<typeof TransactionSchema> => ({
  id: t.id,
  amount: t.amount,
  createdAt: t.createdAt,
  reason: t.reason,
  redemptionID: t.redemptionId,
  type: t.type,
});

export const toWebhook = (
  e: Omit<WebhookEndpoint, 'secret'>,
  environment: 'live' | 'sandbox',
): z.infer<typeof WebhookSchema> => ({
  id: e.id,
  url: e.url,
  events: e.events,
  environment: environment === 'live' ? 'LIVE' : 'SANDBOX',
  createdAt: e.createdAt,
  disabledAt: e.disabledAt,
});
