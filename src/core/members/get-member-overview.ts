import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { ProgramStatus } from '../ports/benefit-programs';
import type { Enrollment } from '../ports/store';
import type { Redemption } from '../redemption';

export interface MemberOverview {
  memberId: string;
  email: string | null;
  enrollment: Enrollment | null;
  programStatus: ProgramStatus | null;
  poolId: string | null;
  tokenBalance: number;
  loyaltyAccountId: string | null;
  pointsBalance: number;
  recentRedemptions: Redemption[];
}

/** What staff see about one member: program, pool, tokens, points, latest redemptions. */
export async function getMemberOverview(deps: CoreDeps, memberId: string): Promise<MemberOverview> {
  const [member, enrollment] = await Promise.all([
    deps.siteMembers.getMember(memberId),
    deps.store.enrollments.get(memberId),
  ]);
  if (!member) throw new AppError('NOT_FOUND', `No site member ${memberId}`);
  const [program, pool, recent, loyaltyAccount] = await Promise.all([
    enrollment ? deps.benefits.getProgram(enrollment.programId) : undefined,
    deps.benefits.findActivePool(memberId),
    deps.store.redemptions.list({ memberId, limit: 10 }),
    deps.loyalty.getAccountByMember(memberId),
  ]);
  return {
    memberId,
    email: member.email,
    enrollment: enrollment ?? null,
    programStatus: program?.status ?? null,
    poolId: pool?.id ?? enrollment?.poolId ?? null,
    tokenBalance: pool ? await deps.benefits.getBalance(pool.id) : 0,
    loyaltyAccountId: loyaltyAccount?.id ?? null,
    pointsBalance: loyaltyAccount?.balance ?? 0,
    recentRedemptions: recent.items,
  };
}
