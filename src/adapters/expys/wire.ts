import type { z } from '@hono/zod-openapi';
import type { Offer } from '../../core/offers/list-offers';
import type { WebhookEndpoint } from '../../core/ports/outbox';
import type { Currency, Redemption, RedemptionStatus } from '../../core/redemption';
import type { Wallet } from '../../core/wallet/get-wallet';
import type { LedgerEntry } from '../../core/wallet/wallet-ledger';
import type {
  CurrencySchema,
  OfferSchema,
  RedemptionSchema,
  TransactionSchema,
  WalletSchema,
  WebhookSchema,
} from './schemas';

// Core values → the Expys wire. Pure: the same value always gives the same bytes (replays rely on it).

const CURRENCIES: Record<Currency, z.infer<typeof CurrencySchema>> = {
  tokens: { name: 'Tokens', symbol: 'TKN', unitsPerUSD: null },
  points: { name: 'Points', symbol: 'PTS', unitsPerUSD: null },
};

export const toCurrency = (currency: Currency, unit?: string): z.infer<typeof CurrencySchema> => ({
  ...CURRENCIES[currency],
  ...(unit ? { name: unit } : {}),
});

const display = (amount: number, currency: Currency) => `${amount} ${CURRENCIES[currency].name}`;

export function toOffer({ entry, isAvailable }: Offer): z.infer<typeof OfferSchema> {
  return {
    id: entry.id,
    title: entry.title,
    description: entry.description,
    shortDescription: entry.description,
    kind: entry.benefit ? 'benefit' : 'reward',
    type: entry.currency,
    pointsPrice: entry.price,
    expiresAt: null,
    startAt: null,
    endAt: null,
    availability: { isAvailable, quantityRemaining: entry.stock },
    display: { amount: String(entry.price), currency: CURRENCIES[entry.currency].name },
    valueUSD: null,
    images: [],
    inclusions: [],
    location: null,
    maxGuests: null,
    disclaimer: null,
  };
}

const offerIdOf = (r: Redemption): string =>
  r.offer.catalogEntryId ?? (r.offer.kind === 'benefit' ? r.offer.externalId : r.offer.rewardId);

export function toRedemption(
  r: Redemption,
  status: RedemptionStatus = r.status,
): z.infer<typeof RedemptionSchema> {
  const canceled = status === 'CANCELED';
  return {
    id: r.id,
    offer: offerIdOf(r),
    status,
    createdAt: r.createdAt,
    startAt: null,
    endAt: null,
    canceledReason: canceled ? r.canceledReason : null,
    canceledNote: canceled ? r.canceledNote : null,
    pointsPrice: r.price,
    code: r.wix.couponCode ?? null,
  };
}

export function toWallet(w: Wallet): z.infer<typeof WalletSchema> {
  return {
    balance: w.balance,
    amountReceived: w.received,
    amountSpent: w.spent,
    balanceDisplay: display(w.balance, w.currency),
    amountReceivedDisplay: display(w.received, w.currency),
    amountSpentDisplay: display(w.spent, w.currency),
    balanceUSD: null,
    amountReceivedUSD: null,
    amountSpentUSD: null,
    currency: toCurrency(w.currency, w.unit),
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
