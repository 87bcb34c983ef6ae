import { createRoute, z } from '@hono/zod-openapi';
import { offerStats, partnerSummary, partnerTimeseries } from '../../../core/analytics/partner-analytics';
import type { PartnerMember } from '../../../core/members/partner-members';
import { serverCaller } from '../context';
import { cursor, limit } from '../schemas/requests';
import {
  AnalyticsOffersSchema,
  AnalyticsSummarySchema,
  MemberListSchema,
  OrgBalanceSchema,
  TimeseriesSchema,
} from '../schemas/responses';
import { commonErrors, type ExpysApp, json, security } from './common';
import { summary } from './members';

// Server-mode reports, built on the app's own records of the integration (its redemptions, the points it
// minted through wallet/credit, the users it linked).

const listMembers = createRoute({
  method: 'get',
  path: '/v1/members',
  tags: ['Members'],
  summary: 'The members (linked users), newest first',
  description: 'Server mode. Follow `nextCursor` until it is null; `tier` keeps one tier.',
  security,
  request: { query: z.object({ limit, cursor, tier: z.string().trim().min(1).max(100).optional() }) },
  responses: { 200: json(MemberListSchema, 'A page of members'), ...commonErrors },
});

const balance = createRoute({
  method: 'get',
  path: '/v1/balance',
  tags: ['Analytics'],
  summary: 'The org’s points balance',
  description:
    'Server mode. Points live in each member’s wallet here (`MEMBER_WALLET`): no org pool, so balance and credit limit are 0; `lifetimeSpent` is what the integration’s redemptions spent.',
  security,
  responses: { 200: json(OrgBalanceSchema, 'The balance'), ...commonErrors },
});

const analyticsSummary = createRoute({
  method: 'get',
  path: '/v1/analytics/summary',
  tags: ['Analytics'],
  summary: 'Members, points minted and spent, redemptions by status',
  security,
  responses: { 200: json(AnalyticsSummarySchema, 'The rollup'), ...commonErrors },
});

const analyticsOffers = createRoute({
  method: 'get',
  path: '/v1/analytics/offers',
  tags: ['Analytics'],
  summary: 'Per offer: bookings, completions, cancellations, points spent',
  security,
  responses: { 200: json(AnalyticsOffersSchema, 'Per offer'), ...commonErrors },
});

const analyticsTimeseries = createRoute({
  method: 'get',
  path: '/v1/analytics/timeseries',
  tags: ['Analytics'],
  summary: 'Points minted and spent, members signed up, per UTC day, week (from Monday) or month',
  security,
  request: {
    query: z.object({
      from: z.iso.datetime({ offset: true }).or(z.iso.date()),
      to: z.iso.datetime({ offset: true }).or(z.iso.date()),
      interval: z.enum(['day', 'week', 'month']),
    }),
  },
  responses: { 200: json(TimeseriesSchema, 'The buckets'), ...commonErrors },
});

export function reportRoutes(app: ExpysApp): void {
  app.openapi(listMembers, async (c) => {
    const { integration } = serverCaller(c);
    const query = c.req.valid('query');
    const deps = c.get('deps');
    const page = await deps.store.partnerProfiles.list(integration.name, {
      limit: query.limit,
      cursor: query.cursor ?? null,
      ...(query.tier ? { tier: query.tier } : {}),
    });
    const members: PartnerMember[] = [];
    for (const profile of page.items) {
      const memberId = await deps.store.members.resolveLink(integration.name, profile.externalId);
      if (memberId) members.push({ memberId, profile });
    }
    const summaries = await Promise.all(members.map((m) => summary(deps, integration, m, c.get('usd'))));
    return c.json({ members: summaries, nextCursor: page.nextCursor }, 200);
  });

  app.openapi(balance, async (c) => {
    const { integration } = serverCaller(c);
    const rate = c.get('usd')[integration.currency];
    const spent = (await partnerSummary(c.get('deps'), integration.name)).pointsSpent;
    return c.json(
      {
        balance: 0,
        balanceDisplay: 0,
        balanceUSD: 0,
        creditLimit: 0,
        creditLimitUSD: 0,
        lifetimeSpent: spent,
        lifetimeSpentUSD: Math.round(spent * rate * 100) / 100,
        ratePerPoint: rate,
        settlementMode: 'MEMBER_WALLET' as const,
      },
      200,
    );
  });

  app.openapi(analyticsSummary, async (c) => {
    const { integration } = serverCaller(c);
    const s = await partnerSummary(c.get('deps'), integration.name);
    const r = s.redemptions;
    return c.json(
      {
        completionRate: s.completionRate,
        memberCount: s.memberCount,
        pointsMinted: s.pointsMinted,
        pointsSpent: s.pointsSpent,
        redemptions: {
          submitted: r.SUBMITTED,
          open: r.OPEN,
          awaiting_vendor: r.AWAITING_VENDOR,
          awaiting_customer: r.AWAITING_CUSTOMER,
          purchased: r.PURCHASED,
          completed: r.COMPLETED,
          canceled: r.CANCELED,
          total: r.total,
        },
      },
      200,
    );
  });

  app.openapi(analyticsOffers, async (c) => {
    const { integration } = serverCaller(c);
    return c.json({ offers: await offerStats(c.get('deps'), integration.name) }, 200);
  });

  app.openapi(analyticsTimeseries, async (c) => {
    const { integration } = serverCaller(c);
    const query = c.req.valid('query');
    const buckets = await partnerTimeseries(c.get('deps'), integration.name, {
      from: new Date(query.from),
      to: new Date(query.to),
      interval: query.interval,
    });
    return c.json({ buckets }, 200);
  });
}
