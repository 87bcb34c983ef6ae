import { createRoute } from '@hono/zod-openapi';
import type { ResolveHost } from '../../../core/outbound/addresses';
import { disableEndpoint, listEndpoints, registerEndpoint } from '../../../core/outbound/endpoints';
import { serverCaller } from '../context';
import { EXPYS_EVENTS } from '../events';
import { CreateWebhookSchema, IdempotencyHeaders } from '../schemas/requests';
import { DeletedWebhookSchema, WebhookCreatedSchema, WebhookListSchema } from '../schemas/responses';
import { toWebhook } from '../wire';
import { body, commonErrors, type ExpysApp, idPathParam, json, notFound, security } from './common';

/** Expys: at most 10 active endpoints per environment (here: per integration, one org in one environment). */
export const MAX_ENDPOINTS = 10;

const register = createRoute({
  method: 'post',
  path: '/v1/webhooks',
  tags: ['Webhooks'],
  summary: 'Register an outbound webhook endpoint (its signing secret is returned once)',
  description: [
    'Server mode. Live URLs must be https and public (not private or loopback addresses); sandbox URLs may point at localhost.',
    `Events: ${EXPYS_EVENTS.join(', ')}.`,
    'Each delivery is a POST of a JSON body `{id, type, createdAt, environment, data}` with `X-Expys-Signature: sha256=<hex HMAC-SHA256 of the raw body, keyed with the signingSecret string>`, `X-Expys-Timestamp` (Unix seconds of the attempt), `X-Expys-Event` and `X-Expys-Delivery` (unique per delivery; `id` in the body is unique per event).',
    'Failed deliveries (no 2xx within 10 s) are retried with exponential backoff and jitter for about three days.',
  ].join('\n\n'),
  security,
  request: { headers: IdempotencyHeaders, body: body(CreateWebhookSchema) },
  responses: {
    201: json(WebhookCreatedSchema, 'The endpoint, with its signing secret (shown once)'),
    ...commonErrors,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/webhooks',
  tags: ['Webhooks'],
  summary: 'List the webhook endpoints (disabled ones carry disabledAt)',
  security,
  responses: { 200: json(WebhookListSchema, 'The endpoints'), ...commonErrors },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/webhooks/{id}',
  tags: ['Webhooks'],
  summary: 'Disable a webhook endpoint',
  security,
  request: {
    params: idPathParam(100),
  },
  responses: { 200: json(DeletedWebhookSchema, 'Disabled'), ...notFound, ...commonErrors },
});

export function webhookRoutes(app: ExpysApp, resolveHost: ResolveHost): void {
  app.openapi(register, async (c) => {
    const { integration } = serverCaller(c);
    const input = c.req.valid('json');
    const endpoint = await registerEndpoint(c.get('deps'), {
      integration: integration.name,
      environment: integration.environment,
      url: input.url,
      events: input.events,
      knownEvents: EXPYS_EVENTS,
      maxActive: MAX_ENDPOINTS,
      resolveHost,
    });
    return c.json({ ...toWebhook(endpoint, integration.environment), signingSecret: endpoint.secret }, 201);
  });

  app.openapi(list, async (c) => {
    const { integration } = serverCaller(c);
    const endpoints = await listEndpoints(c.get('deps'), integration.name);
    return c.json({ data: endpoints.map((e) => toWebhook(e, integration.environment)) }, 200);
  });

  app.openapi(remove, async (c) => {
    const { integration } = serverCaller(c);
    const disabled = await disableEndpoint(c.get('deps'), integration.name, c.req.valid('param').id);
    return c.json({ id: disabled.id, ok: true }, 200);
  });
}
