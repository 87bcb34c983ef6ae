import type { MiddlewareHandler } from 'hono';
import type { Clock } from '../../core/clock';
import type { CoreDeps } from '../../core/deps';
import { AppError } from '../../core/errors';
import type { IntegrationDeps } from '../../core/integrations/webhook-sources';
import type { Caller, ExpysEnv } from './context';
import { type Environment, integrationOfKey } from './keys';
import type { MemberTokens } from './member-tokens';
import type { RateLimiter } from './rate-limit';

export interface AuthOptions {
  /** Where integrations live (the live store: one registry for both environments). */
  registry: IntegrationDeps;
  /** The core of each environment. */
  environment(name: Environment): Promise<CoreDeps>;
  tokens: MemberTokens;
  limiter: RateLimiter | null;
  clock: Clock;
}

const unauthenticated = () =>
  new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <org API key or a valid member token>');

/**
 * `Authorization: Bearer …`: an `expys_…` credential is an org key (compared to its stored hash), anything
 * else a member token. The caller's environment picks the core the request runs on; then the rate limit.
 */
export function authenticate(options: AuthOptions): MiddlewareHandler<ExpysEnv> {
  return async (c, next) => {
    const credential = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (!credential) throw unauthenticated();
    const caller = credential.startsWith('expys_')
      ? await byKey(options, credential)
      : await byToken(options, credential);
    if (!caller) throw unauthenticated();
    const limited = options.limiter?.take(bucketOf(caller), options.clock.now().getTime());
    if (limited && !limited.ok) {
      throw new AppError('RATE_LIMITED', 'Too many requests; slow down', {
        retryAfterSeconds: limited.retryAfterSeconds,
      });
    }
    c.set('caller', caller);
    c.set('deps', await options.environment(caller.integration.environment));
    await next();
  };
}

async function byKey(options: AuthOptions, key: string): Promise<Caller | undefined> {
  const integration = await integrationOfKey(options.registry, key);
  return integration && { mode: 'server', integration };
}

async function byToken(options: AuthOptions, token: string): Promise<Caller | undefined> {
  const claims = await options.tokens.verify(token, options.clock.now());
  if (!claims) return undefined;
  const integration = await options.registry.store.integrations.getByName(claims.integration);
  // The integration may have been removed (or replaced) since the token was minted.
  if (
    integration?.kind !== 'expys' ||
    integration.id !== claims.integrationId ||
    integration.environment !== claims.environment
  ) {
    return undefined;
  }
  return { mode: 'member', integration, externalUserID: claims.externalUserID };
}

/** One bucket per org key, and one per member token user. */
const bucketOf = (caller: Caller) =>
  caller.mode === 'server'
    ? `key:${caller.integration.id}`
    : `member:${caller.integration.id}:${caller.externalUserID}`;
