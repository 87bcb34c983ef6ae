import { z } from 'zod';
import { enrollMember } from '../src/core/members/enroll-member';
import { normalizeDocument } from '../src/core/members/normalize';
import type { EventOutcome } from '../src/core/ports/inbound-events';
import { parseWith } from '../src/http/validation';
import { envelope, isoInstant, type WebhookDeps, type WebhookKind } from './envelope';

export const memberJoined = envelope(
  z.literal('member.joined'),
  z.object({
    memberId: z.string().trim().min(1).max(200),
    contactId: z.string().max(200).optional(),
    email: z.email().max(320).optional(),
    /** CPF (11 digits) or CNPJ (14), punctuation allowed. */
    document: z
      .string()
      .transform(normalizeDocument)
      .refine((d) => /^(\d{11}|\d{14})$/.test(d), 'must be a CPF (11 digits) or CNPJ (14 digits)')
      .optional(),
    externalIds: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), z.string().min(1).max(200)).optional(),
    joinedAt: isoInstant.optional(),
  }),
);

/** Enrolls a member (seed step 4) and reports it the way every webhook does. */
export async function enrollFromEvent(
  deps: WebhookDeps,
  member: {
    memberId: string;
    email?: string | undefined;
    document?: string | undefined;
    externalIds?: Record<string, string> | undefined;
  },
): Promise<EventOutcome> {
  const enrollment = await enrollMember(deps, {
    memberId: member.memberId,
    ...(member.email ? { email: member.email } : {}),
    ...(member.document ? { document: member.document } : {}),
    ...(member.externalIds ? { externalIds: member.externalIds } : {}),
  });
  return {
    outcome: 'enrolled',
    details: {
      memberId: enrollment.memberId,
      programId: enrollment.programId,
      loyaltyAccountId: enrollment.loyaltyAccountId,
      status: enrollment.status,
    },
  };
}

/** `member.joined`: record the member in the directory, link their partner ids, provision their program. */
export const members: WebhookKind = {
  prepare(body) {
    const { data } = parseWith(memberJoined, body);
    return (deps) => ({ handle: () => enrollFromEvent(deps, data) });
  },
};
