import type { EmulatorContext } from '../context';
import type { DocumentWriter } from '../document-store';
import { LOYALTY_ACCOUNTS, type LoyaltyAccount } from '../loyalty/model';
import { newId, nextRevision, WixApiError, WixValidationError } from '../wire';
import { contactInfoFrom, createContactTx, getContactTx, requireEmail } from './contacts';
import { CONTACTS, type Contact, contactsByEmail, MEMBERS, type Member, memberByEmail } from './model';

export interface SiteMemberInput {
  /** The member id to use (a local stand-in for the id Wix assigns at sign-up); a random GUID if omitted. */
  id?: string | undefined;
  email: string;
  /** Display name; becomes the profile nickname and the contact's first/last name. */
  name?: string | undefined;
}

export interface SiteMember {
  member: Member;
  contact: Contact;
  /** False when the member already existed (same id and email). */
  created: boolean;
}

const slugify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'member';

function nameParts(name: string | undefined): { first?: string; last?: string } | undefined {
  const parts = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (parts.length === 0) return undefined;
  const [first, ...rest] = parts;
  return rest.length ? { first, last: rest.join(' ') } : { first };
}

/**
 * Signs a member up, all inside the caller's transaction: like Wix, the member's contact is the existing
 * contact with that email when one is not yet a member's, else a new one; a loyalty account already open
 * for that contact learns its memberId.
 */
export function addSiteMemberTx(tx: DocumentWriter, now: string, input: SiteMemberInput): SiteMember {
  const email = requireEmail(input.email, 'email');
  if (input.id !== undefined && (typeof input.id !== 'string' || input.id.trim() === '')) {
    throw new WixValidationError([
      { field: 'id', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' },
    ]);
  }
  const existing = input.id ? tx.get<Member>(MEMBERS, input.id) : undefined;
  if (existing) {
    if (existing.loginEmail !== email) {
      throw new WixApiError(409, 'MEMBER_ID_CONFLICT', 'A member with this id has another email', {
        memberId: existing.id,
        loginEmail: existing.loginEmail,
      });
    }
    return { member: existing, contact: getContactTx(tx, existing.contactId), created: false };
  }
  const taken = memberByEmail(tx, email);
  if (taken) {
    throw new WixApiError(409, 'EMAIL_ALREADY_EXISTS', 'Another member already uses this email', {
      memberId: taken.id,
    });
  }

  const id = input.id ?? newId();
  const nickname = input.name?.trim() || email.split('@')[0] || email;
  const reusable = contactsByEmail(tx, email).find((c) => !c.memberInfo);
  const base =
    reusable ??
    createContactTx(
      tx,
      now,
      contactInfoFrom({ name: nameParts(input.name), emails: { items: [{ email, primary: true }] } }),
      { allowDuplicates: true },
    );
  const contact: Contact = {
    ...base,
    revision: reusable ? base.revision + 1 : base.revision,
    updatedDate: now,
    memberInfo: { memberId: id, email, status: 'ACTIVE', signupDate: now, profileInfo: { nickname } },
  };
  tx.put(CONTACTS, contact);

  const member: Member = {
    id,
    loginEmail: email,
    loginEmailVerified: false,
    status: 'APPROVED',
    contactId: contact.id,
    profile: { nickname, slug: slugify(nickname) },
    privacyStatus: 'PUBLIC',
    activityStatus: 'ACTIVE',
    createdDate: now,
    updatedDate: now,
  };
  tx.put(MEMBERS, member);

  for (const account of tx.all<LoyaltyAccount>(LOYALTY_ACCOUNTS)) {
    if (account.contactId === contact.id && account.memberId !== id) {
      tx.put(LOYALTY_ACCOUNTS, {
        ...account,
        memberId: id,
        updatedDate: now,
        revision: nextRevision(account.revision),
      });
    }
  }
  return { member, contact, created: true };
}

/**
 * Adds a site member (and its contact) to the local Wix — what `npm run member -- add` and
 * `POST /_emulator/members` do. Idempotent for the same id and email; 409 when the id has another email
 * (`MEMBER_ID_CONFLICT`) or the email belongs to another member (`EMAIL_ALREADY_EXISTS`).
 */
export function addSiteMember(ctx: EmulatorContext, input: SiteMemberInput): SiteMember {
  const now = ctx.clock.now().toISOString();
  return ctx.store.transact((tx) => addSiteMemberTx(tx, now, input));
}
