import type { Context } from 'hono';
import { principalOf } from '../auth/guard';
import { WixApiError } from '../wire';

/**
 * Who "the current member" is on a local Wix call: like Wix, the subject of a member's access token (one
 * this local Wix issued at login). An app, staff or visitor token has no member identity.
 */
export function currentMemberId(c: Context): string | undefined {
  const principal = principalOf(c);
  return principal?.subjectType === 'MEMBER' ? principal.subjectId : undefined;
}

/** The current member's id, or 403 when the call was not made as a member. */
export function requireCurrentMember(c: Context): string {
  const memberId = currentMemberId(c);
  if (!memberId) {
    throw new WixApiError(403, 'MEMBER_IDENTITY_REQUIRED', 'This call must be made by a site member', {});
  }
  return memberId;
}
