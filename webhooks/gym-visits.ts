import { z } from 'zod';
import { issueVisitToken } from '../src/core/tokens/issue-visit-token';
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
    return async (deps, { source, eventId }) =>
      issueVisitToken(deps, {
        source,
        eventId,
        memberId: await resolveMember(deps, source, data),
        visitedAt: new Date(data.visitedAt),
      });
  },
};
