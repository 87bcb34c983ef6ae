import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../core/errors';
import type { BonifiqDeps, BonifiqEnv } from './context';
import { authenticateBonifiq, type BonifiqCredentials } from './keys';

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'Send Authorization: Basic base64(<API token>:<API key>)');

/** `Basic base64(token:key)`: the key is everything after the first colon (it may hold colons itself). */
function credentialsOf(header: string | undefined): BonifiqCredentials | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  return { token: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}

/**
 * HTTP Basic with the integration's API token and key (the key checked against its hash, constant time); the
 * routes then find the point of sale and their dependencies in the context.
 */
export function basicAuth(deps: BonifiqDeps): MiddlewareHandler<BonifiqEnv> {
  return async (c, next) => {
    const credentials = credentialsOf(c.req.header('authorization'));
    if (!credentials) throw unauthenticated();
    c.set('integration', await authenticateBonifiq(deps, credentials));
    c.set('deps', deps);
    await next();
  };
}
