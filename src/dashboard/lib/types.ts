import type {
  findMember,
  getMemberOffers,
  getProgramReport,
  listIntegrations,
  listRedemptions,
} from '../../backend/dashboard.web';

type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export type MemberOverview = Result<typeof findMember>;
export type MemberOffers = Result<typeof getMemberOffers>;
export type ProgramReport = Result<typeof getProgramReport>;
export type Redemption = Result<typeof listRedemptions>['items'][number];
export type Integration = Result<typeof listIntegrations>['items'][number];
