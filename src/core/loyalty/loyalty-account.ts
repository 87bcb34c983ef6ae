import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { LoyaltyAccountView } from '../ports/loyalty';

/** The member's Wix Loyalty account, if they have one. */
export const findLoyaltyAccount = (
  deps: CoreDeps,
  memberId: string,
): Promise<LoyaltyAccountView | undefined> => deps.loyalty.getAccountByMember(memberId);

/** The member's account to spend from; no account means nothing to spend (like a member with no program). */
export async function requireLoyaltyAccount(deps: CoreDeps, memberId: string): Promise<LoyaltyAccountView> {
  const account = await findLoyaltyAccount(deps, memberId);
  if (!account) throw new AppError('OFFER_UNAVAILABLE', 'You have no loyalty account yet');
  return account;
}

/**
 * The member's account, opened for their contact when missing. Idempotent: Wix keeps one account per
 * contact, and the gateway adopts an existing one.
 */
export async function openLoyaltyAccount(
  deps: CoreDeps,
  memberId: string,
  contactId?: string | null,
): Promise<LoyaltyAccountView> {
  const existing = await findLoyaltyAccount(deps, memberId);
  if (existing) return existing;
  const contact = contactId ?? (await deps.siteMembers.getMember(memberId))?.contactId;
  if (!contact) throw new AppError('NOT_FOUND', `No site member ${memberId} with a contact`);
  return deps.loyalty.createAccount(contact);
}
