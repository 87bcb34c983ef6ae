import { Hono } from 'hono';
import type { CoreDeps } from '../core/deps';
import { AppError } from '../core/errors';
import { type RequestIdVariables, requestId } from '../http/request-id';
import { errorResponse } from './http-errors';
import { type AppLogger, accessLog } from './logger';
import { webMethodHost } from './web-method-host';
import { webMethodModules } from './web-methods';
import type { CallerVerifier } from './wix-callers';

export interface AppParts {
  deps: CoreDeps;
  log: AppLogger;
  /** Checks the Wix access tokens web methods are called with; null without an app instance (API key). */
  callers: CallerVerifier | null;
  /** Facts for /health. */
  info: Record<string, string>;
  /** Extra routers mounted at their paths (the local Wix, partner surfaces). */
  mounts?: Record<string, Hono>;
}

/** The HTTP app: health, the web-method host, and whatever the composition root mounts. */
export function createApp(parts: AppParts): Hono<{ Variables: RequestIdVariables }> {
  const app = new Hono<{ Variables: RequestIdVariables }>();
  app.use(requestId());
  app.use(accessLog(parts.log));
  app.get('/health', (c) => c.json({ ok: true, ...parts.info }));
  if (parts.callers) {
    app.route(
      '/web-methods',
      webMethodHost({ modules: webMethodModules, callers: parts.callers, deps: parts.deps, log: parts.log }),
    );
  }
  for (const [path, router] of Object.entries(parts.mounts ?? {})) app.route(path, router);
  app.notFound((c) => errorResponse(c, new AppError('NOT_FOUND', `No route ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    parts.log.error({ err, requestId: c.get('requestId') }, 'unhandled error');
    return errorResponse(c, new AppError('INTERNAL', 'Internal error'));
  });
  return app;
}
