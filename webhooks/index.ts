import { Hono } from 'hono';
import { limitBody } from '../src/http/body-limit';
import { type ErrorResponder, onAppError } from '../src/http/on-error';
import type { WebhookDeps } from './envelope';
import { partnerWebhooks } from './partner';
import { wixWebhooks } from './wix-events';

export type { WebhookDeps } from './envelope';
export { signWebhook } from './sign';

/**
 * Inbound webhooks, mounted by the server at `/webhooks`: Wix's own events at `/wix`, partner events at
 * `/<source>/<kind>`. Each answers `{eventId, outcome, duplicate, details}` or the app's error shape.
 */
export function webhookRoutes(deps: WebhookDeps, respond: ErrorResponder): Hono {
  const router = new Hono();
  router.use(limitBody(respond));
  if (deps.wixEvents) router.route('/wix', wixWebhooks(deps, deps.wixEvents));
  router.route('/', partnerWebhooks(deps));
  router.onError(onAppError(respond, deps.log, 'webhook failed'));
  return router;
}
