import type { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../core/errors';
import { openApiSurface } from '../../http/openapi-surface';
import { basicAuth } from './auth';
import type { BonifiqDeps, BonifiqEnv } from './context';
import { errorEnvelope } from './errors';
import { challengeRoutes } from './routes/challenge';
import { customerRoutes } from './routes/customer';
import { orderRoutes } from './routes/orders';
import { returnRoutes } from './routes/returns';
import { rewardRoutes } from './routes/rewards';

export type { BonifiqDeps } from './context';

const SPEC = {
  openapi: '3.0.3',
  info: {
    title: 'Rewards bridge — BonifiQ-compatible point-of-sale API',
    version: '1.0.0',
    description:
      'A BonifiQ-style PoS API over this site’s Wix Loyalty points. A PoS written for BonifiQ works by changing its base URL to this server’s `/bonifiq`. HTTP Basic: API token as user, API key as password (`npm run integration -- add bonifiq --name <n>`). JSON is PascalCase. Answers use BonifiQ’s envelope (`ErrorMessage`, `ErrorCode`, `Result`, `Code`, `CodeName`, `Severity` 0 Success / 1 Warning / 2 Error, `HasWarning`, `HasError`); warnings are 200s; `rewards/available` answers a bare object. Codes 01 CustomerNotFound, 02 InvalidRequest, 91 Unauthorized, 94 PayloadTooLarge, 95 RequestInProgress, 98 ServiceUnavailable and 99 InternalError mean the same everywhere; the rest are per endpoint (see each). Every response carries `X-Request-Id`.',
  },
  servers: [{ url: '/bonifiq' }],
};

/**
 * The BonifiQ-style surface, mounted at `/bonifiq`: zod route definitions (they also generate
 * `/openapi.json`), one auth step, one onError. Routes are thin: parse, resolve the caller and the customer,
 * one use case, map to BonifiQ's wire.
 */
export function bonifiqApi(deps: BonifiqDeps): OpenAPIHono<BonifiqEnv> {
  const app = openApiSurface<BonifiqEnv>({
    respond: errorEnvelope,
    log: deps.log,
    failure: 'bonifiq request failed',
    paths: '/v1/pvt/*',
    security: { name: 'basic', scheme: 'basic', description: 'API token (user) and API key (password)' },
  });
  app.use('/v1/pvt/*', basicAuth(deps));
  rewardRoutes(app);
  orderRoutes(app);
  returnRoutes(app);
  customerRoutes(app);
  challengeRoutes(app);
  // Other BonifiQ endpoints (checkout, …) are not offered: say so in the envelope.
  app.all('/v1/*', () => {
    throw new AppError('NOT_FOUND', 'This BonifiQ endpoint is not offered here', {
      details: { reason: 'NO_ROUTE' },
    });
  });
  app.doc('/openapi.json', SPEC);
  return app;
}
