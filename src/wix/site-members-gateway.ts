import { members } from '@wix/members';
import type { SiteMember, SiteMembersGateway } from '../core/ports/site-members';
import type { Elevate } from './clients';
import { wixCall } from './errors';

const toSiteMember = (m: members.Member): SiteMember => ({
  id: m._id ?? '',
  contactId: m.contactId ?? null,
  email: m.loginEmail ?? null,
  name: m.profile?.nickname ?? null,
});

/** Site members through the real SDK (elevated: visitors and members cannot read other members). */
export function createSiteMembersGateway(elevate: Elevate): SiteMembersGateway {
  return {
    async getMember(memberId) {
      try {
        return toSiteMember(
          await wixCall('getMember', () => elevate(members.getMember)(memberId, { fieldsets: ['FULL'] })),
        );
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return undefined;
        throw err;
      }
    },
    async findMemberByEmail(email) {
      const res = await wixCall('queryMembers', () =>
        elevate(members.queryMembers)({ fieldsets: ['FULL'] })
          .eq('loginEmail', email)
          .find(),
      );
      const first = res.items[0];
      return first ? toSiteMember(first) : undefined;
    },
  };
}
