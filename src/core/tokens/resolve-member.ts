import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { findMemberBy } from '../members/find-member-by';

/** How a partner names a member: the site member id, its own id for them, or an email. */
export interface MemberReference {
  memberId?: string | undefined;
  externalMemberId?: string | undefined;
  email?: string | undefined;
}

/**
 * The site member a partner means: their own id resolves through the member links of that integration, an
 * email through the member directory (then Wix). NOT_FOUND when nobody matches — not final: the member may
 * join later (events arrive out of order), so the sender's retry can still succeed.
 */
export async function resolveMember(
  deps: CoreDeps,
  integration: string,
  ref: MemberReference,
): Promise<string> {
  if (ref.memberId) return ref.memberId;
  if (ref.externalMemberId) {
    const linked = await deps.store.members.resolveLink(integration, ref.externalMemberId);
    if (linked) return linked;
    throw new AppError('NOT_FOUND', `No member linked to ${integration} id ${ref.externalMemberId}`);
  }
  if (ref.email) {
    const member = await findMemberBy(deps, { email: ref.email });
    if (member) return member;
    throw new AppError('NOT_FOUND', 'No member with that email');
  }
  throw new AppError('VALIDATION', 'data must name the member: memberId, externalMemberId or email');
}
