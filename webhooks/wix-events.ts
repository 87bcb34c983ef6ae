import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../src/core/errors';
import { receiveEvent } from '../src/core/inbound/receive-event';
import type { WixEventVerifier } from '../src/core/ports/wix-events';
import { parseWith } from '../src/http/validation';
import type { WebhookDeps } from './envelope';
import { enrollFromEvent } from './members';
import { sha256 } from './partner';

const MEMBER_CREATED = 'wix.members.v1.member_created';

const memberCreated = z.object({
  id: z.string().min(1).max(200).optional(),
  entityId: z.string().min(1).optional(),
  createdEvent: z.object({
    entity: z.object({
      id: z.string().min(1).optional(),
      loginEmail: z.string().optional(),
    }),
  }),
});

/**
 * `POST /wix`: Wix's own events, a JWT body verified with the app's public key. A site member created is
 * enrolled like a partner's `member.joined`; other events are acknowledged and ignored.
 */
export function wixWebhooks(deps: WebhookDeps, verifier: WixEventVerifier): Hono {
  const router = new Hono();
  router.post('/', async (c) => {
    const jwt = (await c.req.text()).trim();
    const event = await verifier.verify(jwt);
    if (event.eventType !== MEMBER_CREATED) {
      return c.json({
        eventId: null,
        outcome: 'ignored',
        duplicate: false,
        details: { eventType: event.eventType },
      });
    }
    const payload = parseWith(memberCreated, event.payload);
    const memberId = payload.createdEvent.entity.id ?? payload.entityId;
    if (!memberId) throw new AppError('VALIDATION', 'member created event names no member');
    const email = payload.createdEvent.entity.loginEmail || undefined;
    const receipt = await receiveEvent(
      deps,
      // Domain events carry their id; the token's hash stands in when one does not.
      {
        source: 'wix',
        eventId: payload.id ?? sha256(jwt),
        kind: MEMBER_CREATED,
        payloadHash: sha256(JSON.stringify(event.payload)),
      },
      { handle: () => enrollFromEvent(deps, { memberId, email }) },
    );
    return c.json(receipt);
  });
  return router;
}
