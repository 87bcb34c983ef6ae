import { z } from 'zod';
import { visitTokenWork } from '../src/core/tokens/issue-visit-token';
import { resolveMember } from '../src/core/tokens/resolve-member';
import { parseWith } from '../src/http/validation';
import { envelope, isoInstant, memberRef, type WebhookKind } from './envelope';

export const gymVisit = envelope(
  z.literal('gym.visit'),
  z
    .object({ ...memberRef, visitedAt: isoInstant, locationId: z.string().max(200).optional() })
    .refine((d) => d.memberId || d.externalMemberId, 'memberId or externalMemberId is required'),
);

/** `gym.visit`: a check-in at the door → one token (seed step 5), capped per local day. */
export const gymVisits: WebhookKind = {
  prepare(body) {
    const { data } = parseWith(gymVisit, body);
    return async (deps, { source, eventId }) => {
      // Resolved before the event is claimed, so the visit's slot can be claimed with it. Nobody matching
      // fails the work, as before, once the event is this delivery's; a duplicate still replays.
      const member = await resolveMember(deps, source, data).then(
        (memberId) => ({ memberId }),
        (error: unknown) => ({ error }),
      );
      if ('error' in member) return { handle: () => Promise.reject(member.error) };
      return visitTokenWork(deps, { source, eventId, ...member, visitedAt: new Date(data.visitedAt) });
    };
  },
};
