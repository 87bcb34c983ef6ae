import type { OpenAPIHono } from '@hono/zod-openapi';
import type { TermsDocument } from '../../core/members/partner-terms';
import type { ResolveHost } from '../../core/outbound/addresses';
import type { Logger } from '../../core/ports/logger';
import { docsPage } from '../../http/docs-page';
import { openApiSurface } from '../../http/openapi-surface';
import { type AuthOptions, authenticate } from './auth';
import type { ExpysEnv } from './context';
import { expysErrorResponse } from './errors';
import type { MemberTokens } from './member-tokens';
import { authRoutes } from './routes/auth';
import { memberRoutes } from './routes/members';
import { notSupportedRoutes } from './routes/not-supported';
import { offerRoutes } from './routes/offers';
import { redemptionRoutes } from './routes/redemptions';
import { reportRoutes } from './routes/reports';
import { termsRoutes } from './routes/terms';
import { walletRoutes } from './routes/wallet';
import { webhookRoutes } from './routes/webhooks';
import type { UsdRates } from './wire';

export interface ExpysApiOptions extends AuthOptions {
  tokens: MemberTokens;
  log: Logger;
  /** US dollars one unit of each currency is worth. */
  usdPerUnit: UsdRates;
  /** The legal documents members accept (program config). */
  terms: readonly TermsDocument[];
  /** Resolves the host of a live webhook URL at registration. */
  resolveHost: ResolveHost;
}

/** Expys requests are small JSON documents. */
const MAX_BODY_BYTES = 64 * 1024;

const SPEC = {
  openapi: '3.0.3',
  info: {
    title: 'Rewards bridge — Expys-compatible API',
    version: '1.0.0',
    description:
      'An Expys-style redemption API over this site’s Wix rewards. A client written for Expys works by changing its base URL to this server’s `/expys`. Authenticate with `Authorization: Bearer` and an org API key (`expys_live_…` or `expys_sandbox_…`: the prefix picks the environment; server mode) or a member token from `POST /v1/auth/exchange` (member mode). Errors are `{"error":{"code","message"}}`; branch on `code`. Every response carries `X-Request-Id`.',
  },
  servers: [{ url: '/expys' }],
};

/**
 * The Expys-style surface, mounted at `/expys`: zod route definitions (they also generate
 * `/openapi.json` and the `/docs` page), one auth step, one onError. Routes are thin: parse, resolve the
 * caller, one use case, map to the Expys wire.
 */
export function expysApi(options: ExpysApiOptions): OpenAPIHono<ExpysEnv> {
  const app = openApiSurface<ExpysEnv>({
    respond: expysErrorResponse,
    log: options.log,
    failure: 'expys request failed',
    paths: '/v1/*',
    maxBodyBytes: MAX_BODY_BYTES,
    security: {
      name: 'bearer',
      scheme: 'bearer',
      description: 'An org API key (server mode) or a member token (member mode)',
    },
  });
  app.use('/v1/*', async (c, next) => {
    c.set('usd', options.usdPerUnit);
    await next();
  });
  app.use('/v1/*', authenticate(options));
  authRoutes(app, options.tokens);
  memberRoutes(app);
  offerRoutes(app);
  redemptionRoutes(app);
  walletRoutes(app);
  webhookRoutes(app, options.resolveHost);
  reportRoutes(app);
  termsRoutes(app, options.terms);
  notSupportedRoutes(app);
  app.doc('/openapi.json', SPEC);
  app.get('/docs', (c) => c.html(docsPage(app.getOpenAPIDocument(SPEC))));
  return app;
}
