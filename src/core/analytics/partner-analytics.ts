import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { PartnerProfile } from '../ports/partner-profiles';
import { type Redemption, type RedemptionStatus, redemptionStatuses } from '../redemption';

// A partner's reports, from the app's own records: its redemptions (the channel), the points it minted
// through its API, the users it told us about. Each report reads at most MAX_ROWS of each.

const PAGE = 100;
const MAX_ROWS = 10_000;

/** The catalog entry a redemption was for (older ones: the benefit item or Wix reward). */
export const offerIdOf = (r: Redemption): string =>
  r.offer.catalogEntryId ?? (r.offer.kind === 'benefit' ? r.offer.externalId : r.offer.rewardId);

const spent = (r: Redemption) => (r.status === 'CANCELED' ? 0 : r.price);

async function channelRedemptions(deps: CoreDeps, channel: string): Promise<Redemption[]> {
  const all: Redemption[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.redemptions.list({ channel, limit: PAGE, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < MAX_ROWS);
  return all;
}

/** The partner's users who are linked to a site member (its members). */
async function linkedProfiles(deps: CoreDeps, integration: string): Promise<PartnerProfile[]> {
  const linked: PartnerProfile[] = [];
  let cursor: string | null = null;
  let read = 0;
  do {
    const page = await deps.store.partnerProfiles.list(integration, { limit: PAGE, cursor });
    for (const profile of page.items) {
      if (await deps.store.members.resolveLink(integration, profile.externalId)) linked.push(profile);
    }
    read += page.items.length;
    cursor = page.nextCursor;
  } while (cursor && read < MAX_ROWS);
  return linked;
}

const credits = (deps: CoreDeps, integration: string, range: { from?: string; to?: string } = {}) =>
  deps.store.partnerCredits.list(integration, { ...range, limit: MAX_ROWS });

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

export interface PartnerSummary {
  memberCount: number;
  pointsMinted: number;
  pointsSpent: number;
  /** COMPLETED among all redemptions (0 when none). */
  completionRate: number;
  redemptions: Record<RedemptionStatus, number> & { total: number };
}

export async function partnerSummary(deps: CoreDeps, integration: string): Promise<PartnerSummary> {
  const [redemptions, members, minted] = await Promise.all([
    channelRedemptions(deps, integration),
    linkedProfiles(deps, integration),
    credits(deps, integration),
  ]);
  const counts = Object.fromEntries(redemptionStatuses.map((s) => [s, 0])) as Record<
    RedemptionStatus,
    number
  >;
  for (const r of redemptions) counts[r.status] += 1;
  const total = redemptions.length;
  return {
    memberCount: members.length,
    pointsMinted: sum(minted.map((c) => c.amount)),
    pointsSpent: sum(redemptions.map(spent)),
    completionRate: total === 0 ? 0 : counts.COMPLETED / total,
    redemptions: { ...counts, total },
  };
}

export interface OfferStats {
  offerId: string;
  signups: number;
  completions: number;
  cancellations: number;
  pointsSpent: number;
}

/** Per offer the partner's members booked: bookings, completions, cancellations, points spent. */
export async function offerStats(deps: CoreDeps, integration: string): Promise<OfferStats[]> {
  const byOffer = new Map<string, OfferStats>();
  for (const r of await channelRedemptions(deps, integration)) {
    const id = offerIdOf(r);
    const stats = byOffer.get(id) ?? {
      offerId: id,
      signups: 0,
      completions: 0,
      cancellations: 0,
      pointsSpent: 0,
    };
    stats.signups += 1;
    if (r.status === 'COMPLETED') stats.completions += 1;
    if (r.status === 'CANCELED') stats.cancellations += 1;
    stats.pointsSpent += spent(r);
    byOffer.set(id, stats);
  }
  return [...byOffer.values()].sort((a, b) => b.signups - a.signups || a.offerId.localeCompare(b.offerId));
}

export type Interval = 'day' | 'week' | 'month';

export interface Bucket {
  startTime: string;
  endTime: string;
  pointsMinted: number;
  pointsSpent: number;
  /** Members the partner linked in the bucket. */
  signups: number;
}

const MAX_BUCKETS = 400;

/** The start of the UTC day, week (Monday) or month holding `at`. */
function floorTo(at: Date, interval: Interval): Date {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  if (interval === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  if (interval === 'month') d.setUTCDate(1);
  return d;
}

function next(at: Date, interval: Interval): Date {
  const d = new Date(at);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  if (interval === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  return d;
}

/** UTC buckets covering [from, to): points minted and spent, members signed up. */
export async function partnerTimeseries(
  deps: CoreDeps,
  integration: string,
  range: { from: Date; to: Date; interval: Interval },
): Promise<Bucket[]> {
  if (!(range.from < range.to)) {
    throw new AppError('VALIDATION', 'from must be before to', { details: { field: 'from' } });
  }
  const buckets: Bucket[] = [];
  for (
    let start = floorTo(range.from, range.interval);
    start < range.to;
    start = next(start, range.interval)
  ) {
    if (buckets.length >= MAX_BUCKETS) {
      throw new AppError('VALIDATION', `At most ${MAX_BUCKETS} buckets: widen the interval`, {
        details: { field: 'interval' },
      });
    }
    const end = next(start, range.interval);
    buckets.push({
      startTime: start.toISOString(),
      endTime: end.toISOString(),
      pointsMinted: 0,
      pointsSpent: 0,
      signups: 0,
    });
  }
  const first = buckets[0]?.startTime;
  const last = buckets.at(-1)?.endTime;
  const [redemptions, members, minted] = await Promise.all([
    channelRedemptions(deps, integration),
    linkedProfiles(deps, integration),
    credits(deps, integration, { ...(first ? { from: first } : {}), ...(last ? { to: last } : {}) }),
  ]);
  const bucketOf = (at: string) => buckets.find((b) => b.startTime <= at && at < b.endTime);
  for (const c of minted) {
    const b = bucketOf(c.createdAt);
    if (b) b.pointsMinted += c.amount;
  }
  for (const r of redemptions) {
    const b = bucketOf(r.createdAt);
    if (b) b.pointsSpent += spent(r);
  }
  for (const m of members) {
    const b = bucketOf(m.createdAt);
    if (b) b.signups += 1;
  }
  return buckets;
}
