import { listEligibleBenefits } from '../../../core/benefits/list-eligible-benefits';
import type { CoreDeps } from '../../../core/deps';
import { AppError } from '../../../core/errors';
import { isRedeemableForCoupon, listRewards } from '../../../core/loyalty/list-rewards';
import type { CatalogEntry } from '../../../core/ports/store';
import type { Currency } from '../../../core/redemption';

/** A catalog entry as a partner sees it: can it be redeemed now (by this member, when one is named)? */
export interface Offer {
  entry: CatalogEntry;
  isAvailable: boolean;
}

export interface OfferPage {
  items: Offer[];
  nextCursor: string | null;
}

export interface ListOffersInput {
  /** The integration's currency: it sees only the entries priced in it. */
  currency: Currency;
  /** With a member, availability includes their program and balance. */
  memberId?: string;
  limit: number;
  cursor?: string | null;
  /** Only what is available now. */
  availableOnly?: boolean;
}

/** How many catalog pages one call reads at most to fill a page of available offers. */
const MAX_SCANS = 10;

/** The catalog in one currency, cheapest first, with availability: stock left, redeemable, affordable. */
export async function listOffers(deps: CoreDeps, input: ListOffersInput): Promise<OfferPage> {
  if (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > 100) {
    throw new AppError('VALIDATION', 'limit must be between 1 and 100');
  }
  const available = await availabilityOf(deps, input.currency, input.memberId);
  const items: Offer[] = [];
  let cursor = input.cursor ?? null;
  for (let scans = 0; scans < MAX_SCANS; scans++) {
    const page = await deps.store.catalog.list({
      currency: input.currency,
      limit: input.limit - items.length,
      cursor,
    });
    for (const entry of page.items) {
      const offer = { entry, isAvailable: available(entry) };
      if (offer.isAvailable || !input.availableOnly) items.push(offer);
    }
    cursor = page.nextCursor;
    if (!cursor || items.length >= input.limit) break;
  }
  return { items, nextCursor: cursor };
}

/** One offer of the integration's currency; NOT_FOUND for other currencies' entries too. */
export async function getOffer(
  deps: CoreDeps,
  input: { id: string; currency: Currency; memberId?: string },
): Promise<Offer> {
  const entry = await deps.store.catalog.get(input.id);
  if (!entry || entry.currency !== input.currency) throw new AppError('NOT_FOUND', `No offer ${input.id}`);
  const available = await availabilityOf(deps, input.currency, input.memberId);
  return { entry, isAvailable: available(entry) };
}

/** Reads Wix once per call (the member's eligibility, or the rewards) and judges entries from that. */
async function availabilityOf(
  deps: CoreDeps,
  currency: Currency,
  memberId: string | undefined,
): Promise<(entry: CatalogEntry) => boolean> {
  const open = (entry: CatalogEntry) => entry.active && entry.stock !== 0;
  if (currency === 'tokens') {
    if (!memberId) return open;
    const eligible = await listEligibleBenefits(deps, memberId);
    const affordable = new Set(eligible.items.filter((i) => i.affordable).map((i) => i.externalId));
    return (entry) => open(entry) && entry.benefit !== null && affordable.has(entry.benefit.externalId);
  }
  if (memberId) {
    const rewards = await listRewards(deps, memberId);
    const affordable = new Set(rewards.items.filter((r) => r.affordable).map((r) => r.rewardId));
    return (entry) => open(entry) && entry.reward !== null && affordable.has(entry.reward.rewardId);
  }
  const rewards = await deps.loyalty.listRewards();
  const redeemable = new Set(rewards.filter(isRedeemableForCoupon).map((r) => r.id));
  return (entry) => open(entry) && entry.reward !== null && redeemable.has(entry.reward.rewardId);
}
