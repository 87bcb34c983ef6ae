import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../core/errors';
import { type CustomerRef, findCustomer } from '../../../core/members/customer';
import { cancelOrderCodes, orderCodes } from '../codes';
import type { BonifiqDeps } from '../context';
import { customerIdSchema } from '../schemas/customer-id';
import { cancelOrderRequestSchema, type OrderRequest, orderRequestSchema } from '../schemas/requests';
import {
  cancelOrderResultSchema,
  envelopeOf,
  type OrderResult,
  orderResultSchema,
} from '../schemas/responses';
import {
  type CounterOrderOutcome,
  cancelCounterOrder,
  recordCounterOrder,
} from '../use-cases/counter-orders';
import { findEchoedCustomer, MASKED_DOCUMENT } from '../use-cases/echoed-customer';
import { toCents } from '../use-cases/money';
import { envelope } from '../wire';
import { type BonifiqApp, body, commonErrors, json, security } from './common';

const tags = ['Orders'];

const addOrder = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/orders',
  tags,
  summary: 'Add an order (always, reward or not)',
  description:
    'Completed (`IsCompleted`): earns points for `OrderTotal` once per `OriginalId`, and completes the redemption whose ExternalCode is in `Coupon`. Canceled or returned (`IsCancelledOrReturned`): takes back what it earned. Otherwise pending: nothing yet. Replays change nothing. Codes: 00 OrderRegistered, 03 OrderAlreadyRegistered (warning), 04 CouponNotLinked (warning: the Coupon names no reward of this customer), 05 OrderCanceled, 06 OrderAlreadyCanceled (warning), 07 OrderPending.',
  security,
  request: { body: body(orderRequestSchema) },
  responses: { 200: json(envelopeOf('OrderEnvelope', orderResultSchema), 'The order'), ...commonErrors },
});

const cancelOrder = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/orders/{id}/cancel',
  tags,
  summary: 'Cancel an order: the points it earned are taken back (never below zero)',
  description:
    'Codes: 00 OrderCanceled, 03 OrderNotFound (warning: remembered as canceled, so a late completion earns nothing), 04 OrderAlreadyCanceled (warning).',
  security,
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    body: { required: false, content: { 'application/json': { schema: cancelOrderRequestSchema } } },
  },
  responses: {
    200: json(envelopeOf('CancelOrderEnvelope', cancelOrderResultSchema), 'Canceled'),
    ...commonErrors,
  },
});

/** The order's customer: its Document (check digits validated), else its Email. */
function customerOf(order: OrderRequest): CustomerRef {
  const { Document, Email } = order.Customer;
  const given = Document
    ? { field: 'Customer.Document', value: Document }
    : Email
      ? { field: 'Customer.Email', value: Email }
      : null;
  if (!given) {
    throw new AppError('VALIDATION', 'Customer: Document or Email is required', {
      details: { field: 'Customer' },
    });
  }
  const parsed = customerIdSchema.safeParse(given.value);
  const ref = parsed.success ? parsed.data : undefined;
  if (!ref || 'document' in ref !== (given.field === 'Customer.Document')) {
    const what = given.field === 'Customer.Document' ? 'a valid CPF/CNPJ' : 'a valid email';
    throw new AppError('VALIDATION', `${given.field}: must be ${what}`, { details: { field: given.field } });
  }
  return ref;
}

/** The order's customer; a masked Document is the `/available` block sent back (BonifiQ's sale flow). */
function memberOf(deps: BonifiqDeps, integration: string, order: OrderRequest): Promise<string> {
  const { Id, OriginalId, Email, Document } = order.Customer;
  if (Document && MASKED_DOCUMENT.test(Document)) {
    return findEchoedCustomer(deps, {
      integration,
      id: Id ?? null,
      originalId: OriginalId ?? null,
      email: Email ?? null,
      maskedDocument: Document,
    });
  }
  return findCustomer(deps, customerOf(order));
}

function outcomeOf(result: CounterOrderOutcome) {
  if (result.state === 'canceled')
    return result.unchanged ? orderCodes.OrderAlreadyCanceled : orderCodes.OrderCanceled;
  if (result.state === 'pending') return orderCodes.OrderPending;
  if (result.unchanged) return orderCodes.OrderAlreadyRegistered;
  const linked = result.coupon === 'none' || result.coupon === 'linked' || result.coupon === 'already-linked';
  return linked ? orderCodes.OrderRegistered : orderCodes.CouponNotLinked;
}

const STATE = { pending: 1, completed: 2, canceled: 3 } as const;

function orderView(order: OrderRequest, result: CounterOrderOutcome): OrderResult {
  return {
    Id: result.number,
    OriginalId: order.OriginalId,
    OrderPlacementDate: order.OrderPlacementDate ?? null,
    OrderCompletedDate: order.OrderCompletedDate ?? null,
    OrderCancelledDate: order.OrderCancelledDate ?? null,
    OrderStatus: order.OrderStatus ?? null,
    IsCompleted: result.state === 'completed',
    IsCancelledOrReturned: result.state === 'canceled',
    OrderTotal: order.OrderTotal,
    Coupon: order.Coupon ?? null,
    State: STATE[result.state],
    Origin: 1,
    EstimatedBonus: { GenerateBonus: result.pointsEarned > 0, EstimatedPoints: result.pointsEarned },
  };
}

export function orderRoutes(app: BonifiqApp): void {
  app.openapi(addOrder, async (c) => {
    const deps = c.get('deps');
    const order = c.req.valid('json');
    const integration = c.get('integration').name;
    const result = await recordCounterOrder(deps, {
      integration,
      orderId: order.OriginalId,
      memberId: await memberOf(deps, integration, order),
      totalCents: toCents(order.OrderTotal, 'OrderTotal'),
      coupon: order.Coupon ?? null,
      state: order.IsCancelledOrReturned ? 'canceled' : order.IsCompleted ? 'completed' : 'pending',
    });
    const message =
      outcomeOf(result) === orderCodes.CouponNotLinked ? 'The Coupon names no reward of this customer' : null;
    return c.json(envelope(outcomeOf(result), orderView(order, result), message), 200);
  });

  app.openapi(cancelOrder, async (c) => {
    const deps = c.get('deps');
    const result = await cancelCounterOrder(deps, {
      integration: c.get('integration').name,
      orderId: c.req.valid('param').id,
    });
    const outcome = !result.known
      ? cancelOrderCodes.OrderNotFound
      : result.unchanged
        ? cancelOrderCodes.OrderAlreadyCanceled
        : cancelOrderCodes.OrderCanceled;
    const canceled = { IsCanceled: true, UpdatedAt: deps.clock.now().toISOString(), Status: STATE.canceled };
    return c.json(envelope(outcome, canceled), 200);
  });
}
