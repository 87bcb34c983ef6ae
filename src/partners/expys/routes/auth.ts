import { createRoute } from '@hono/zod-openapi';
import { saveProfile } from '../../../core/members/partner-members';
import { serverCaller } from '../context';
import type { MemberTokens } from '../member-tokens';
import { IdempotencyHeaders, TokenExchangeSchema } from '../schemas/requests';
import { TokenGrantSchema } from '../schemas/responses';
import { body, commonErrors, conflict, type ExpysApp, json, security, underIdempotencyKey } from './common';

const exchange = createRoute({
  method: 'post',
  path: '/v1/auth/exchange',
  tags: ['Auth'],
  summary: 'Exchange the org API key and an external user id for a member token',
  description:
    'Server mode. The token acts for that one user in member-mode calls for 15 minutes; displayName and tier are written to the member profile (tier feeds eligibility). With an Idempotency-Key, a retry of the same body gets the same token back (`Idempotent-Replayed: true`); another body under the key is IDEMPOTENCY_KEY_REUSED.',
  security,
  request: { headers: IdempotencyHeaders, body: body(TokenExchangeSchema) },
  responses: { 200: json(TokenGrantSchema, 'A member token'), ...conflict, ...commonErrors },
});

export function authRoutes(app: ExpysApp, tokens: MemberTokens): void {
  app.openapi(exchange, async (c) => {
    const { integration } = serverCaller(c);
    const input = c.req.valid('json');
    const deps = c.get('deps');
    const grant = await underIdempotencyKey(c, 'exchangeToken', input, async () => {
      await saveProfile(deps, {
        integration: integration.name,
        externalId: input.externalUserID,
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.tier !== undefined ? { tier: input.tier } : {}),
      });
      return tokens.mint(
        {
          integrationId: integration.id,
          integration: integration.name,
          environment: integration.environment,
          externalUserID: input.externalUserID,
        },
        deps.clock.now(),
      );
    });
    return c.json(grant, 200);
  });
}
