import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../core/errors';
import { partialCancelCodes } from '../codes';
import { type PartialCancelRequest, partialCancelRequestSchema } from '../schemas/requests';
import { envelopeOf, partialCancelResultSchema } from '../schemas/responses';
import { toCents } from '../use-cases/money';
import { returnPartOfOrder } from '../use-cases/partial-return';
import { envelope } from '../wire';
import { type BonifiqApp, body, commonErrors, json, markReplay, security } from './common';

const partialCancel = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/{orderId}/partialcancel',
  tags: ['Orders'],
  summary: 'A partial return: take back the points of the returned items or amount',
  description:
    'Once per `CancelKey` (same key and body: the original result, `Idempotent-Replayed: true`; another body: 08 CancelKeyReused). Never more than the order earned (returns add up), never below a zero balance. Codes: 00 PartialCancelRegistered, 03 OrderNotFound (no completed order), 04 OrderCanceled, 08 CancelKeyReused.',
  security,
  request: {
    params: z.object({
      orderId: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'orderId', in: 'path' } }),
    }),
    body: body(partialCancelRequestSchema),
  },
  responses: {
    200: json(envelopeOf('PartialCancelEnvelope', partialCancelResultSchema), 'Registered'),
    ...commonErrors,
  },
});

/** ValueToRefund, else the returned items' values added up. */
function refundCentsOf(input: PartialCancelRequest): number {
  const cents =
    input.ValueToRefund != null
      ? toCents(input.ValueToRefund, 'ValueToRefund')
      : (input.Products ?? []).reduce(
          (sum, p) => sum + toCents(p.ValueToRefund, 'Products.ValueToRefund'),
          0,
        );
  if (cents <= 0) {
    throw new AppError('VALIDATION', 'ValueToRefund: send the amount given back, or the returned Products', {
      details: { field: 'ValueToRefund' },
    });
  }
  return cents;
}

export function returnRoutes(app: BonifiqApp): void {
  app.openapi(partialCancel, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const { value, replayed } = await returnPartOfOrder(deps, {
      integration: c.get('integration').name,
      orderId: c.req.valid('param').orderId,
      cancelKey: input.CancelKey,
      refundCents: refundCentsOf(input),
    });
    markReplay(c, replayed);
    return c.json(
      envelope(partialCancelCodes.PartialCancelRegistered, {
        IsCanceled: false,
        UpdatedAt: value.at,
        Status: 2,
        PointsReversed: value.pointsTakenBack,
        PointsShortfall: value.pointsToTakeBack - value.pointsTakenBack,
        RemainingPoints: value.pointsLeft,
      }),
      200,
    );
  });
}
