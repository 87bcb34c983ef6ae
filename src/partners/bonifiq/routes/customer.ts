import { createRoute, z } from '@hono/zod-openapi';
import { AppError } from '../../../core/errors';
import { findCustomer } from '../../../core/members/customer';
import { pointsCodes } from '../codes';
import { customerIdSchema } from '../schemas/customer-id';
import { envelopeOf, pointsResultSchema } from '../schemas/responses';
import { getCounterBalance } from '../use-cases/customer-points';
import { envelope, noCustomerPoints, pointsView } from '../wire';
import { type BonifiqApp, commonErrors, json, security } from './common';

const points = createRoute({
  method: 'get',
  path: '/v1/pvt/Customer/{id}/points',
  tags: ['Customer'],
  summary: 'The customer’s points, cashback worth and history',
  description:
    'Codes: 00 PointsFound, 01 CustomerNotFound (warning, `CustomerExists: false`). An id that is neither an email nor a valid CPF/CNPJ is 02 InvalidRequest (400).',
  security,
  request: {
    params: z.object({ id: customerIdSchema.openapi({ param: { name: 'id', in: 'path' } }) }),
  },
  responses: { 200: json(envelopeOf('PointsEnvelope', pointsResultSchema), 'The points'), ...commonErrors },
});

export function customerRoutes(app: BonifiqApp): void {
  app.openapi(points, async (c) => {
    const deps = c.get('deps');
    const memberId = await findCustomer(deps, c.req.valid('param').id).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
      throw err;
    });
    if (!memberId)
      return c.json(envelope(pointsCodes.CustomerNotFound, noCustomerPoints, 'No such customer'), 200);
    const balance = await getCounterBalance(deps, memberId);
    return c.json(envelope(pointsCodes.PointsFound, pointsView(balance)), 200);
  });
}
