import type { DocumentReader, DocumentWriter } from '../document-store';
import { newId, WixApiError, WixValidationError } from '../wire';
import { CONTACTS, type Contact, type ContactInfo, contactsByEmail, normalizeEmail } from './model';

type RawItems = { items?: Record<string, unknown>[] | null } | null | undefined;

const asString = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v : undefined;

/** Gives every email/phone an id and a tag, and makes exactly one of them primary (the first, if none is). */
function normalizeItems<K extends 'email' | 'phone'>(raw: RawItems, key: K) {
  const items = (raw?.items ?? []).flatMap((item) => {
    const value = asString(item[key]);
    if (!value) return [];
    const normalized = key === 'email' ? normalizeEmail(value) : value.trim();
    return [
      {
        ...item,
        id: asString(item.id) ?? newId(),
        tag: asString(item.tag) ?? 'UNTAGGED',
        [key]: normalized,
        primary: item.primary === true,
      },
    ];
  });
  const primaryIndex = Math.max(
    0,
    items.findIndex((i) => i.primary),
  );
  return items.map((item, index) => ({ ...item, primary: index === primaryIndex }));
}

/** Turns the `info` of a create request into stored contact info (emails lower-cased, ids assigned). */
export function contactInfoFrom(raw: Record<string, unknown> | null | undefined): ContactInfo {
  const info = raw ?? {};
  const name = info.name as { first?: unknown; last?: unknown } | undefined;
  const first = asString(name?.first);
  const last = asString(name?.last);
  return {
    ...info,
    ...(first || last ? { name: { ...(first ? { first } : {}), ...(last ? { last } : {}) } } : {}),
    emails: { items: normalizeItems(info.emails as RawItems, 'email') } as ContactInfo['emails'],
    phones: { items: normalizeItems(info.phones as RawItems, 'phone') } as ContactInfo['phones'],
  };
}

/**
 * Creates a contact. Like Wix, a contact needs a name, an email or a phone, and an email already on
 * another contact is refused unless `allowDuplicates`.
 */
export function createContactTx(
  tx: DocumentWriter,
  now: string,
  info: ContactInfo,
  options: { allowDuplicates?: boolean } = {},
): Contact {
  const emails = info.emails.items;
  const phones = info.phones.items;
  if (!info.name && emails.length === 0 && phones.length === 0) {
    throw new WixApiError(
      400,
      'INSUFFICIENT_CONTACT_DATA',
      'A contact needs a name, an email or a phone',
      {},
    );
  }
  if (!options.allowDuplicates) {
    for (const { email } of emails) {
      const duplicate = contactsByEmail(tx, email)[0];
      if (duplicate) {
        throw new WixApiError(409, 'DUPLICATE_CONTACT_EXISTS', 'A contact with this email already exists', {
          duplicateContactId: duplicate.id,
          duplicateEmail: email,
        });
      }
    }
  }
  const primaryEmail = emails.find((e) => e.primary)?.email;
  const primaryPhone = phones.find((p) => p.primary)?.phone;
  const contact: Contact = {
    id: newId(),
    revision: 1,
    source: { sourceType: 'OTHER' },
    createdDate: now,
    updatedDate: now,
    lastActivity: { activityDate: now, activityType: 'CONTACT_CREATED' },
    primaryInfo: {
      ...(primaryEmail ? { email: primaryEmail } : {}),
      ...(primaryPhone ? { phone: primaryPhone } : {}),
    },
    ...(primaryEmail
      ? {
          primaryEmail: {
            email: primaryEmail,
            subscriptionStatus: 'NOT_SET',
            deliverabilityStatus: 'NOT_SET',
          },
        }
      : {}),
    info,
  };
  return tx.put(CONTACTS, contact);
}

export function getContactTx(tx: DocumentReader, id: string): Contact {
  const contact = tx.get<Contact>(CONTACTS, id);
  if (!contact) throw new WixApiError(404, 'CONTACT_NOT_FOUND', 'Contact not found', { contactId: id });
  return contact;
}

/** Validates a plain email well enough to catch typos in local tooling. */
export function requireEmail(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(value.trim())) {
    throw new WixValidationError([
      { field, description: 'must be an email address', violatedRule: 'FORMAT' },
    ]);
  }
  return normalizeEmail(value);
}
