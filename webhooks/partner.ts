import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { AppError } from '../src/core/errors';
import { fingerprint } from '../src/core/fingerprint';
import { receiveEvent } from '../src/core/inbound/receive-event';
import { webhookSourceOf } from '../src/core/integrations/webhook-sources';
import { parseJson, type WebhookDeps, type WebhookKind } from './envelope';
import { gymVisits } from './gym-visits';
import { members } from './members';
import { orders } from './orders';
import { verifyStandardWebhook } from './verify';

const kinds: Record<string, WebhookKind> = { members, 'gym-visits': gymVisits, orders };

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What an event id stands for: its type and data. The envelope's timestamp is left out, so a sender that
 * re-stamps its retries is still recognized; other data under a handled id is refused.
 */
const factsHash = (json: unknown) => {
  const { type, data } = json as { type?: unknown; data?: unknown };
  return fingerprint('webhook-event', { type, data });
};

/**
 * `POST /<source>/<kind>`: the source's secret verifies the raw body, then the payload is parsed, then the
 * event id is claimed and one use case runs. Nothing is written before the first two pass.
 */
export function partnerWebhooks(deps: WebhookDeps): Hono {
  const router = new Hono();
  router.post('/:source/:kind', async (c) => {
    const kindName = c.req.param('kind');
    const kind = kinds[kindName];
    if (!kind)
      throw new AppError('NOT_FOUND', `No webhook kind ${kindName}; use members, gym-visits or orders`);
    const source = await webhookSourceOf(deps, c.req.param('source'));
    const body = await c.req.text();
    const { eventId } = verifyStandardWebhook({
      secret: source.webhookSecret,
      body,
      header: (name) => c.req.header(name),
      now: deps.clock.now(),
    });
    const json = parseJson(body);
    const work = await kind.prepare(json)(deps, { source: source.name, eventId });
    const receipt = await receiveEvent(
      deps,
      { source: source.name, eventId, kind: kindName, payloadHash: factsHash(json) },
      work,
    );
    return c.json(receipt);
  });
  return router;
}
