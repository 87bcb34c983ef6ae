import type { Context } from 'hono';
import { WixApiError } from '../wire';

/**
 * Who "the current member" is on a local Wix call. The real Wix derives it from a member session token;
 * locally the caller says so in the Authorization header as `member:<memberId>` (for example
 * `createClient({ auth: { getAuthHeaders: async () => ({ headers: { Authorization: 'member:m1' } }) } })`).
 * Any other Authorization (an app or API key) has no member identity.
 */
export function currentMemberId(c: Context): string | undefined {
  const auth = c.req.header('authorization') ?? '';
  const match = /^member:(.+)$/.exec(auth.trim());
  return match?.[1];
}

/** The current member's id, or 403 when the call was not made as a member. */
export function requireCurrentMember(c: Context): string {
  const memberId = currentMemberId(c);
  if (!memberId) {
    throw new WixApiError(403, 'MEMBER_IDENTITY_REQUIRED', 'This call must be made by a site member', {});
  }
  return memberId;
}
