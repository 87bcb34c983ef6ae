import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../core/errors';
import { redemptionStatuses } from '../../../core/redemption';
import { getRedemption, listRedemptions } from '../../../core/redemptions/list-redemptions';
import { moveRedemption } from '../../../core/redemptions/move-redemption';
import { giveFeedback } from '../../../core/redemptions/redemption-feedback';
import { actorOf, type ExpysContext, memberOf, optionalMemberOf, serverCaller, userOf } from '../context';
import {
  CreateRedemptionSchema,
  cursor,
  ExternalUserID,
  FeedbackRequestSchema,
  IdempotencyHeaders,
  limit,
  StatusChangeSchema,
} from '../schemas/requests';
import { RedemptionListSchema, RedemptionSchema } from '../schemas/responses';
import { redeemOffer } from '../use-cases/redeem-offer';
import { toRedemption } from '../wire';
import {
  body,
  commonErrors,
  conflict,
  type ExpysApp,
  idempotencyKeyOf,
  idPathParam,
  json,
  markReplay,
  notFound,
  security,
} from './common';

const idParam = idPathParam(200);

const create = createRoute({
  method: 'post',
  path: '/v1/redemptions',
  tags: ['Redemptions'],
  summary: 'Create a redemption (a booking request) for an offer',
  description:
    'Member mode (an org key names the member with `externalUserID`). Debits the offer’s pointsPrice at once; INSUFFICIENT_POINTS when the balance is short (it never goes negative). Send an Idempotency-Key: a retry with it returns the original redemption (`Idempotent-Replayed: true`) and spends nothing more.',
  security,
  request: { headers: IdempotencyHeaders, body: body(CreateRedemptionSchema) },
  responses: {
    201: json(RedemptionSchema, 'The redemption, SUBMITTED'),
    ...notFound,
    ...conflict,
    ...commonErrors,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/redemptions',
  tags: ['Redemptions'],
  summary: 'List redemptions, newest first',
  description:
    'Member mode: the member’s own. With the org key: all of the integration’s, or one member’s with `externalUserID`. Follow `nextCursor` until it is null.',
  security,
  request: {
    query: z.object({
      limit,
      cursor,
      status: z.enum(redemptionStatuses).optional(),
      externalUserID: ExternalUserID.optional(),
    }),
  },
  responses: { 200: json(RedemptionListSchema, 'A page of redemptions'), ...commonErrors },
});

const getOne = createRoute({
  method: 'get',
  path: '/v1/redemptions/{id}',
  tags: ['Redemptions'],
  summary: 'One redemption',
  security,
  request: { params: idParam },
  responses: { 200: json(RedemptionSchema, 'The redemption'), ...notFound, ...commonErrors },
});

const feedback = createRoute({
  method: 'put',
  path: '/v1/redemptions/{id}/feedback',
  tags: ['Redemptions'],
  summary: 'Score a completed redemption (0–10, NPS)',
  description:
    'Member mode. Scoring again replaces the score. A redemption not COMPLETED yet is 409 REDEMPTION_NOT_COMPLETED, with its `details.status`.',
  security,
  request: { params: idParam, body: body(FeedbackRequestSchema) },
  responses: { 200: json(RedemptionSchema, 'The redemption'), ...notFound, ...conflict, ...commonErrors },
});

const changeStatus = createRoute({
  method: 'post',
  path: '/v1/redemptions/{id}/status',
  tags: ['Redemptions'],
  summary: 'Move a redemption along its lifecycle',
  description:
    'Server mode. SUBMITTED → OPEN → AWAITING_VENDOR / AWAITING_CUSTOMER → PURCHASED → COMPLETED; CANCELED (with a reason) from any of them but COMPLETED refunds the points exactly once. Other steps are ILLEGAL_TRANSITION; moving to the current status changes nothing.',
  security,
  request: { params: idParam, body: body(StatusChangeSchema) },
  responses: { 200: json(RedemptionSchema, 'The redemption'), ...notFound, ...conflict, ...commonErrors },
});

/** The caller's view: the integration's redemptions, and a member's own only. */
async function visible(c: ExpysContext, id: string) {
  const member = await optionalMemberOf(c, undefined);
  const redemption = await getRedemption(c.get('deps'), id, member?.memberId);
  // Another channel's redemption does not exist for this integration.
  if (redemption.channel !== c.get('caller').integration.name)
    throw new AppError('NOT_FOUND', `No redemption ${id}`);
  return redemption;
}

export function redemptionRoutes(app: ExpysApp): void {
  app.openapi(create, async (c) => {
    const input = c.req.valid('json');
    const caller = c.get('caller');
    const memberId = await memberOf(c, userOf(c, input.externalUserID));
    const { value, replayed } = await redeemOffer(c.get('deps'), {
      memberId,
      offerId: input.offer,
      currency: caller.integration.currency,
      idempotencyKey: idempotencyKeyOf(c),
      channel: caller.integration.name,
      actor: actorOf(caller),
    });
    markReplay(c, replayed);
    return c.json(toRedemption(value), 201);
  });

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const member = await optionalMemberOf(c, query.externalUserID);
    const page = await listRedemptions(c.get('deps'), {
      channel: c.get('caller').integration.name,
      limit: query.limit,
      cursor: query.cursor ?? null,
      ...(query.status ? { status: query.status } : {}),
      ...(member ? { memberId: member.memberId } : {}),
    });
    const scores = await c.get('deps').store.redemptionFeedback.get(page.items.map((r) => r.id));
    const redemptions = page.items.map((r) => toRedemption(r, r.status, scores.get(r.id) ?? null));
    return c.json({ redemptions, nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getOne, async (c) => {
    const redemption = await visible(c, c.req.valid('param').id);
    const scores = await c.get('deps').store.redemptionFeedback.get([redemption.id]);
    return c.json(toRedemption(redemption, redemption.status, scores.get(redemption.id) ?? null), 200);
  });

  app.openapi(feedback, async (c) => {
    const redemption = await visible(c, c.req.valid('param').id);
    const input = c.req.valid('json');
    const given = await giveFeedback(c.get('deps'), {
      redemptionId: redemption.id,
      rating: input.rating,
      comment: input.comment ?? null,
    });
    const { redemptionId: _, ...score } = given;
    return c.json(toRedemption(redemption, redemption.status, score), 200);
  });

  app.openapi(changeStatus, async (c) => {
    const caller = serverCaller(c);
    const input = c.req.valid('json');
    const moved = await moveRedemption(c.get('deps'), {
      redemptionId: c.req.valid('param').id,
      to: input.status,
      reason: input.reason ?? null,
      note: input.note ?? null,
      actor: actorOf(caller),
      channel: caller.integration.name,
    });
    return c.json(toRedemption(moved), 200);
  });
}
