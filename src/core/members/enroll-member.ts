import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { openLoyaltyAccount } from '../loyalty/loyalty-account';
import type { Enrollment } from '../ports/store';

export interface EnrollMemberInput {
  memberId: string;
  /** Extra facts a partner knows about the member (webhooks). */
  email?: string | null;
  document?: string | null;
  externalIds?: Record<string, string>;
}

/** One program per member per definition (seed step 4): `<program definition id>_<member id>`. */
export const externalProgramIdOf = (programDefinitionId: string, memberId: string) =>
  `${programDefinitionId}_${memberId}`;

/**
 * A site member joins the rewards program: record them in the member directory, provision their program and
 * open their loyalty account. Idempotent: an existing program or account is adopted, not an error.
 */
export async function enrollMember(deps: CoreDeps, input: EnrollMemberInput): Promise<Enrollment> {
  const member = await deps.siteMembers.getMember(input.memberId);
  if (!member) throw new AppError('NOT_FOUND', `No site member ${input.memberId}`);
  const now = deps.clock.now().toISOString();
  const known = await deps.store.members.get(member.id);
  await deps.store.members.upsert({
    memberId: member.id,
    contactId: member.contactId,
    // An email a partner gave stays: enrolling again without one must not make the member unfindable by it.
    email: input.email ?? (known?.email ? null : member.email),
    document: input.document ?? null,
    createdAt: now,
  });
  for (const [integration, externalId] of Object.entries(input.externalIds ?? {})) {
    await deps.store.members.link(integration, externalId, member.id);
  }

  const existing = await deps.store.enrollments.get(member.id);
  const { program } = await deps.benefits.provisionProgram({
    programDefinitionId: deps.program.programDefinitionId,
    memberId: member.id,
    externalProgramId: externalProgramIdOf(deps.program.programDefinitionId, member.id),
  });
  const pools = await deps.benefits.listPools(program.id);
  const loyaltyAccount = member.contactId
    ? await openLoyaltyAccount(deps, member.id, member.contactId)
    : undefined;
  const enrollment: Enrollment = {
    memberId: member.id,
    programDefinitionId: deps.program.programDefinitionId,
    programId: program.id,
    poolId: pools[0]?.id ?? null,
    loyaltyAccountId: loyaltyAccount?.id ?? existing?.loyaltyAccountId ?? null,
    enrolledAt: existing?.enrolledAt ?? now,
    status: program.status === 'ENDED' ? 'ENDED' : 'ACTIVE',
    cyclesRenewed: existing?.cyclesRenewed ?? 0,
  };
  await deps.store.enrollments.upsert(enrollment);
  return enrollment;
}
