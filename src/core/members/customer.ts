import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/** How a point of sale names a customer: an email, or CPF/CNPJ digits (already checked by the surface). */
export type CustomerRef = { email: string } | { document: string };

export interface CounterCustomer {
  memberId: string;
  email: string | null;
  name: string | null;
  /** CPF/CNPJ digits the member directory holds, if any. */
  document: string | null;
}

/** Tells a missing customer from a missing reward or order in the same request. */
const NOT_FOUND = { reason: 'CUSTOMER_NOT_FOUND' };

/**
 * The site member a PoS means, through the member directory (an email also through Wix, for members the
 * directory has not seen yet). NOT_FOUND when nobody matches.
 */
export async function findCustomer(deps: CoreDeps, ref: CustomerRef): Promise<string> {
  if ('document' in ref) {
    const known = await deps.store.members.findByDocument(ref.document);
    if (known) return known.memberId;
    throw new AppError('NOT_FOUND', 'No customer with that document', { details: NOT_FOUND });
  }
  const known = await deps.store.members.findByEmail(ref.email);
  if (known) return known.memberId;
  const member = await deps.siteMembers.findMemberByEmail(ref.email);
  if (member) return member.id;
  throw new AppError('NOT_FOUND', 'No customer with that email', { details: NOT_FOUND });
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
