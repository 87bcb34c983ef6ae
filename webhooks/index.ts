import type { Context } from 'hono';
import { Hono } from 'hono';
import { type AppError, toAppError } from '../src/core/errors';
import { limitBody } from '../src/http/body-limit';
import type { WebhookDeps } from './envelope';
import { partnerWebhooks } from './partner';
import { wixWebhooks } from './wix-events';

export type { WebhookDeps } from './envelope';
export { signWebhook } from './sign';

/**
 * Inbound webhooks, mounted by the server at `/webhooks`: Wix's own events at `/wix`, partner events at
 * `/<source>/<kind>`. Each answers `{eventId, outcome, duplicate, details}` or the app's error shape.
 */
export function webhookRoutes(deps: WebhookDeps, onError: (c: Context, error: AppError) => Response): Hono {
  const router = new Hono();
  router.use(limitBody(onError));
  if (deps.wixEvents) router.route('/wix', wixWebhooks(deps, deps.wixEvents));
  router.route('/', partnerWebhooks(deps));
  router.onError((err, c) => {
    const error = toAppError(err);
    if (error.code === 'INTERNAL') deps.log.error({ err: error.cause ?? error }, 'webhook failed');
    return onError(c, error);
  });
  return router;
}
