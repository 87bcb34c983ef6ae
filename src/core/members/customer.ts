import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { findMemberBy, type MemberRef } from './find-member-by';

/** How a point of sale names a customer: an email, or CPF/CNPJ digits (already checked by the surface). */
export type CustomerRef = MemberRef;

export interface CounterCustomer {
  memberId: string;
  email: string | null;
  name: string | null;
  /** CPF/CNPJ digits the member directory holds, if any. */
  document: string | null;
}

/** Tells a missing customer from a missing reward or order in the same request. */
const NOT_FOUND = { reason: 'CUSTOMER_NOT_FOUND' };

/** The site member a PoS means (findMemberBy); NOT_FOUND when nobody matches. */
export async function findCustomer(deps: CoreDeps, ref: CustomerRef): Promise<string> {
  const member = await findMemberBy(deps, ref);
  if (member) return member;
  const what = 'document' in ref ? 'document' : 'email';
  throw new AppError('NOT_FOUND', `No customer with that ${what}`, { details: NOT_FOUND });
}

/** What the PoS shows about the customer. */
export async function customerProfile(deps: CoreDeps, memberId: string): Promise<CounterCustomer> {
  const [record, member] = await Promise.all([
    deps.store.members.get(memberId),
    deps.siteMembers.getMember(memberId),
  ]);
  return {
    memberId,
    email: member?.email ?? record?.email ?? null,
    name: member?.name ?? null,
    document: record?.document ?? null,
  };
}
