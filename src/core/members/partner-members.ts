import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { PartnerProfile } from '../ports/partner-profiles';
import { enrollMember } from './enroll-member';
import { findMemberBy } from './find-member-by';

/** A partner's user, linked to a site member, with what the partner told us about them. */
export interface PartnerMember {
  memberId: string;
  profile: PartnerProfile;
}

export interface SetPartnerMemberInput {
  integration: string;
  externalId: string;
  /** Undefined keeps what is stored; null clears it. */
  displayName?: string | null | undefined;
  tier?: string | null | undefined;
  /** Free JSON; `wixMemberId` or `email` in it names the site member to link. */
  attributes?: Record<string, unknown> | null | undefined;
}

/**
 * A partner creates or updates one of its users: the user is linked to the site member named by
 * `attributes.wixMemberId` or `attributes.email` (or stays linked as before) and enrolled in the rewards
 * program, so they have a wallet. Repeating it changes nothing.
 */
export async function setPartnerMember(deps: CoreDeps, input: SetPartnerMemberInput): Promise<PartnerMember> {
  const memberId = await memberToLink(deps, input);
  await enrollMember(deps, { memberId, externalIds: { [input.integration]: input.externalId } });
  const profile = await saveProfile(deps, input);
  return { memberId, profile };
}

/** Records the partner's facts about a user (token exchange) without linking anyone. */
export async function saveProfile(deps: CoreDeps, input: SetPartnerMemberInput): Promise<PartnerProfile> {
  const now = deps.clock.now().toISOString();
  const stored = await deps.store.partnerProfiles.get(input.integration, input.externalId);
  const profile: PartnerProfile = {
    integration: input.integration,
    externalId: input.externalId,
    displayName: input.displayName !== undefined ? input.displayName : (stored?.displayName ?? null),
    tier: input.tier !== undefined ? input.tier : (stored?.tier ?? null),
    attributes: input.attributes !== undefined ? input.attributes : (stored?.attributes ?? null),
    createdAt: stored?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.store.partnerProfiles.save(profile);
  return profile;
}

/** The linked user; NOT_FOUND when the partner never linked them (or removed them). */
export async function getPartnerMember(
  deps: CoreDeps,
  integration: string,
  externalId: string,
): Promise<PartnerMember> {
  const memberId = await resolvePartnerMember(deps, integration, externalId);
  const profile = await deps.store.partnerProfiles.get(integration, externalId);
  const now = deps.clock.now().toISOString();
  return {
    memberId,
    profile: profile ?? {
      integration,
      externalId,
      displayName: null,
      tier: null,
      attributes: null,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/** Unlinks the user and forgets their profile; the member's rewards stay with the member. */
export async function removePartnerMember(deps: CoreDeps, integration: string, externalId: string) {
  const unlinked = await deps.store.members.unlink(integration, externalId);
  const forgotten = await deps.store.partnerProfiles.remove(integration, externalId);
  if (!unlinked && !forgotten) throw new AppError('NOT_FOUND', `No user ${externalId}`);
}

/** The site member behind a partner's user id, or a NOT_FOUND that says how to link them. */
export async function resolvePartnerMember(
  deps: CoreDeps,
  integration: string,
  externalId: string,
): Promise<string> {
  const memberId = await deps.store.members.resolveLink(integration, externalId);
  if (memberId) return memberId;
  throw new AppError(
    'NOT_FOUND',
    `User ${externalId} is not linked to a site member yet: set the member with attributes.wixMemberId or attributes.email first`,
    { details: { externalUserID: externalId, reason: 'MEMBER_NOT_LINKED' } },
  );
}

async function memberToLink(deps: CoreDeps, input: SetPartnerMemberInput): Promise<string> {
  const { wixMemberId, email } = input.attributes ?? {};
  if (typeof wixMemberId === 'string' && wixMemberId) {
    const member = await deps.siteMembers.getMember(wixMemberId);
    if (!member) throw new AppError('NOT_FOUND', `No site member ${wixMemberId}`);
    return member.id;
  }
  if (typeof email === 'string' && email) {
    const member = await findMemberBy(deps, { email });
    if (!member) throw new AppError('NOT_FOUND', 'No site member with that email');
    return member;
  }
  const linked = await deps.store.members.resolveLink(input.integration, input.externalId);
  if (linked) return linked;
  throw new AppError('VALIDATION', 'attributes: name the site member to link with wixMemberId or email', {
    details: { field: 'attributes' },
  });
}
