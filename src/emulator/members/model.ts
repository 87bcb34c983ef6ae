import type { DocumentReader } from '../document-store';

/** Collections of the local Wix members and contacts. */
export const MEMBERS = 'members';
export const CONTACTS = 'contacts';

export type ContactEmail = { id: string; tag: string; email: string; primary: boolean };
export type ContactPhone = { id: string; tag: string; phone: string; primary: boolean };

export type ContactInfo = {
  name?: { first?: string; last?: string };
  emails: { items: ContactEmail[] };
  phones: { items: ContactPhone[] };
} & Record<string, unknown>;

/** A CRM contact (contacts v4) as it goes on the wire. */
export type Contact = {
  id: string;
  /** Contacts v4 revisions are numbers, unlike loyalty's strings. */
  revision: number;
  source: { sourceType: string };
  createdDate: string;
  updatedDate: string;
  lastActivity: { activityDate: string; activityType: string };
  primaryInfo: { email?: string; phone?: string };
  primaryEmail?: { email: string; subscriptionStatus: string; deliverabilityStatus: string };
  info: ContactInfo;
  memberInfo?: {
    memberId: string;
    email: string;
    status: 'ACTIVE';
    signupDate: string;
    profileInfo: { nickname: string };
  };
};

/** A site member (members v1) with every field (the FULL fieldset). */
export type Member = {
  id: string;
  loginEmail: string;
  loginEmailVerified: boolean;
  status: 'APPROVED';
  contactId: string;
  profile: { nickname: string; slug: string };
  privacyStatus: 'PUBLIC';
  activityStatus: 'ACTIVE';
  createdDate: string;
  updatedDate: string;
};

/** Wix matches login emails case-insensitively; we store them lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const contactEmails = (contact: Contact): string[] =>
  contact.info.emails.items.map((e) => normalizeEmail(e.email));

export function memberByEmail(tx: DocumentReader, email: string): Member | undefined {
  const wanted = normalizeEmail(email);
  return tx.all<Member>(MEMBERS).find((m) => m.loginEmail === wanted);
}

export function contactsByEmail(tx: DocumentReader, email: string): Contact[] {
  const wanted = normalizeEmail(email);
  return tx.all<Contact>(CONTACTS).filter((c) => contactEmails(c).includes(wanted));
}

type Fieldset = 'PUBLIC' | 'EXTENDED' | 'FULL';

/**
 * Members are returned per fieldset, as the real API does: the default (PUBLIC) omits `loginEmail` and
 * reports statuses as UNKNOWN, so callers that need the email must ask for EXTENDED or FULL.
 */
export function presentMember(
  member: Member,
  fieldsets: string[],
  contact?: Contact,
): Record<string, unknown> {
  const sets = new Set<Fieldset>(fieldsets.length ? (fieldsets as Fieldset[]) : ['PUBLIC']);
  const base = {
    id: member.id,
    contactId: member.contactId,
    profile: member.profile,
    createdDate: member.createdDate,
    updatedDate: member.updatedDate,
  };
  if (sets.has('FULL')) {
    return {
      ...member,
      contact: {
        contactId: member.contactId,
        firstName: contact?.info.name?.first ?? null,
        lastName: contact?.info.name?.last ?? null,
        emails: contact ? contactEmails(contact) : [member.loginEmail],
        phones: contact?.info.phones.items.map((p) => p.phone) ?? [],
        addresses: [],
      },
    };
  }
  if (sets.has('EXTENDED')) {
    const { loginEmail, status, privacyStatus, activityStatus } = member;
    return { ...base, loginEmail, status, privacyStatus, activityStatus };
  }
  return { ...base, status: 'UNKNOWN', privacyStatus: 'UNKNOWN', activityStatus: 'UNKNOWN' };
}
