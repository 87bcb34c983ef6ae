import { createRoute, z } from '@hono/zod-openapi';
import { optionalMemberOf } from '../context';
import { cursor, limit } from '../schemas/requests';
import { OfferListSchema, OfferSchema } from '../schemas/responses';
import { getOffer, listOffers } from '../use-cases/list-offers';
import { toOffer } from '../wire';
import { commonErrors, type ExpysApp, idPathParam, json, notFound, security } from './common';

const listRoute = createRoute({
  method: 'get',
  path: '/v1/offers',
  tags: ['Offers'],
  summary: 'Browse the offers (cheapest first)',
  description:
    'Member mode. Prices are in the integration’s currency (tokens or points). With a member token, `availability.isAvailable` also says whether that member can redeem it now (program, balance); `available=true` keeps only those.',
  security,
  request: {
    query: z.object({ limit, cursor, available: z.enum(['true', 'false']).optional() }),
  },
  responses: { 200: json(OfferListSchema, 'A page of offers'), ...commonErrors },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/offers/{id}',
  tags: ['Offers'],
  summary: 'One offer',
  security,
  request: {
    params: idPathParam(200),
  },
  responses: { 200: json(OfferSchema, 'The offer'), ...notFound, ...commonErrors },
});

export function offerRoutes(app: ExpysApp): void {
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const member = await optionalMemberOf(c, undefined);
    const page = await listOffers(c.get('deps'), {
      currency: c.get('caller').integration.currency,
      limit: query.limit,
      cursor: query.cursor ?? null,
      availableOnly: query.available === 'true',
      ...(member ? { memberId: member.memberId } : {}),
    });
    return c.json(
      { data: page.items.map((o) => toOffer(o, c.get('usd'))), nextCursor: page.nextCursor },
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    const member = await optionalMemberOf(c, undefined);
    const offer = await getOffer(c.get('deps'), {
      id,
      currency: c.get('caller').integration.currency,
      ...(member ? { memberId: member.memberId } : {}),
    });
    return c.json(toOffer(offer, c.get('usd')), 200);
  });
}
