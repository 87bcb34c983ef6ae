import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { MEMBERS } from '../members/model';
import { body, WixApiError, WixValidationError } from '../wire';
import type { LocalApp } from './local-app';
import type { TokenIssuer } from './tokens';

const sameSecret = (given: unknown, expected: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

const invalidToken = () => new WixApiError(401, 'UNAUTHENTICATED', 'The token is invalid or expired', {});

/**
 * Wix's OAuth endpoints, open like Wix's (the request carries its own proof): the app's client-credentials
 * token (as `AppStrategy` asks for it), a visitor's anonymous token, and token-info.
 */
export function oauthRoutes(app: LocalApp, issuer: TokenIssuer): Hono {
  const routes = new Hono();
  routes.post('/oauth2/token', async (c) => {
    const req = await body<Record<string, unknown>>(c);
    if (req.grant_type === 'client_credentials') {
      const known =
        req.client_id === app.appId &&
        req.instance_id === app.instanceId &&
        sameSecret(req.client_secret, app.appSecret);
      if (!known) throw new WixApiError(401, 'UNAUTHENTICATED', 'Unknown app, secret or instance', {});
      const { accessToken, expiresIn } = await issuer.issue({ type: 'APP', id: app.appId });
      return c.json({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' });
    }
    // A site visitor's session (OAuthStrategy, camelCase as it sends it).
    if (req.grantType === 'anonymous') {
      if (req.clientId !== app.appId) throw new WixApiError(401, 'UNAUTHENTICATED', 'Unknown client', {});
      const visitor = await issuer.issue({ type: 'VISITOR', id: randomUUID() });
      return c.json({
        access_token: visitor.accessToken,
        expires_in: visitor.expiresIn,
        token_type: 'Bearer',
      });
    }
    throw new WixValidationError([
      { field: 'grant_type', description: 'must be client_credentials or anonymous', violatedRule: 'FORMAT' },
    ]);
  });

  routes.post('/oauth2/token-info', async (c) => {
    const { token } = await body<{ token?: unknown }>(c);
    const info = typeof token === 'string' ? await issuer.inspect(token) : undefined;
    if (!info) throw invalidToken();
    return c.json(info);
  });
  return routes;
}

const MAX_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Local only: signing in. Wix issues member and staff tokens when a person logs in on the site or the
 * dashboard; here the app (or staff) asks for them. A member who does not exist cannot log in.
 */
export function loginRoutes(ctx: EmulatorContext, issuer: TokenIssuer): Hono {
  const routes = new Hono();
  routes.post('/_emulator/login', async (c) => {
    const req = await body<Record<string, unknown>>(c);
    const ttl = req.ttlSeconds ?? undefined;
    if (ttl !== undefined && (!Number.isInteger(ttl) || Number(ttl) < 1 || Number(ttl) > MAX_TTL_SECONDS)) {
      throw new WixValidationError([
        { field: 'ttlSeconds', description: `must be a whole number from 1 to ${MAX_TTL_SECONDS}` },
      ]);
    }
    if (req.instanceId !== undefined && (typeof req.instanceId !== 'string' || req.instanceId === '')) {
      throw new WixValidationError([{ field: 'instanceId', description: 'must be a non-empty string' }]);
    }
    const subject = subjectOf(ctx, req);
    const options = {
      ...(ttl !== undefined ? { ttlSeconds: Number(ttl) } : {}),
      ...(typeof req.instanceId === 'string' ? { instanceId: req.instanceId } : {}),
    };
    const { accessToken, expiresIn } = await issuer.issue(subject, options);
    return c.json({ access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' });
  });

  routes.post('/_emulator/tokens/revoke', async (c) => {
    const { token } = await body<{ token?: unknown }>(c);
    if (typeof token !== 'string' || !(await issuer.revoke(token))) throw invalidToken();
    return c.json({});
  });
  return routes;
}

function subjectOf(ctx: EmulatorContext, req: Record<string, unknown>) {
  if (typeof req.memberId === 'string' && req.memberId !== '') {
    if (!ctx.store.get(MEMBERS, req.memberId)) {
      throw new WixApiError(404, 'MEMBER_NOT_FOUND', `No site member ${req.memberId}`, {
        memberId: req.memberId,
      });
    }
    return { type: 'MEMBER' as const, id: req.memberId };
  }
  if (typeof req.userId === 'string' && req.userId !== '') return { type: 'USER' as const, id: req.userId };
  throw new WixValidationError([
    {
      field: 'memberId',
      description: 'give memberId (a site member) or userId (staff)',
      violatedRule: 'REQUIRED_FIELD',
    },
  ]);
}
