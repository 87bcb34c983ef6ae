import type { Context } from 'hono';
import type { Actor, CoreDeps } from '../../core/deps';
import { AppError } from '../../core/errors';
import { resolvePartnerMember } from '../../core/members/partner-members';
import type { Integration } from '../../core/ports/integrations';
import type { RequestIdVariables } from '../../http/request-id';
import type { UsdRates } from './wire';

/**
 * Who is calling: an org key (server mode, may act for any of the integration's users) or a member token
 * (member mode, acts for the one user it was minted for). Either way, one integration in one environment.
 */
export type Caller =
  | { mode: 'server'; integration: Integration }
  | { mode: 'member'; integration: Integration; externalUserID: string };

export type ExpysEnv = {
  Variables: RequestIdVariables & {
    caller: Caller;
    /** The environment's core: the configured Wix (live) or the sandbox's own local Wix. */
    deps: CoreDeps;
    /** US dollars one unit of each currency is worth (the wire's `*USD` and `unitsPerUSD`). */
    usd: UsdRates;
  };
};

export type ExpysContext = Context<ExpysEnv>;

export const actorOf = (caller: Caller): Actor => ({ kind: 'integration', name: caller.integration.name });

/** Server-mode routes: a member token gets 403, as Expys answers. */
export function serverCaller(c: ExpysContext): Caller & { mode: 'server' } {
  const caller = c.get('caller');
  if (caller.mode !== 'server')
    throw new AppError('FORBIDDEN', 'This operation needs the org API key, not a member token');
  return caller;
}

/**
 * The user a member-mode call is about: the token's own user; an org key names one with `externalUserID`.
 * A member token naming somebody else is refused.
 */
export function userOf(c: ExpysContext, externalUserID: string | undefined): string {
  const caller = c.get('caller');
  if (caller.mode === 'member') {
    if (externalUserID !== undefined && externalUserID !== caller.externalUserID) {
      throw new AppError('FORBIDDEN', 'A member token acts only for its own user');
    }
    return caller.externalUserID;
  }
  if (!externalUserID) {
    throw new AppError('VALIDATION', 'externalUserID: required when calling with the org API key', {
      details: { field: 'externalUserID' },
    });
  }
  return externalUserID;
}

/** The site member behind the user (NOT_FOUND, saying how to link them, when not linked). */
export const memberOf = (c: ExpysContext, externalUserID: string): Promise<string> =>
  resolvePartnerMember(c.get('deps'), c.get('caller').integration.name, externalUserID);

/** The member a call is about, if any: a member token's, or the org key's `externalUserID` when given. */
export async function optionalMemberOf(c: ExpysContext, externalUserID: string | undefined) {
  const caller = c.get('caller');
  if (caller.mode === 'server' && !externalUserID) return undefined;
  const user = userOf(c, externalUserID);
  return { externalUserID: user, memberId: await memberOf(c, user) };
}
