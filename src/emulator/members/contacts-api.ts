import type { Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { matches } from '../query';
import { body } from '../wire';
import { contactInfoFrom, createContactTx, getContactTx } from './contacts';
import { CONTACTS, type Contact } from './model';
import { type OffsetQuery, runOffsetQuery } from './offset-query';

/**
 * Wix lets a filter on `info.emails.email` / `info.phones.phone` match any of a contact's emails/phones:
 * the contact matches when the filter holds with that field set to one of them.
 */
function matchesContact(contact: Contact, filter: Record<string, unknown> | null | undefined): boolean {
  const emails = contact.info.emails.items.map((e) => e.email);
  const phones = contact.info.phones.items.map((p) => p.phone);
  for (const email of emails.length ? emails : [undefined]) {
    for (const phone of phones.length ? phones : [undefined]) {
      const view = {
        ...contact,
        info: {
          ...contact.info,
          emails: { ...contact.info.emails, email },
          phones: { ...contact.info.phones, phone },
        },
      };
      if (matches(view, filter)) return true;
    }
  }
  return false;
}

/** CRM contacts (`@wix/crm` contacts v4) on the paths the SDK calls. */
export function registerContactRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;

  // The builder pages by offset and reads `pagingMetadata` (not `metadata`) from this response.
  app.post('/contacts/v4/contacts/query', async (c) => {
    const req = await body<{ query?: OffsetQuery }>(c);
    const { items, metadata } = runOffsetQuery(store.all<Contact>(CONTACTS), req.query, matchesContact);
    return c.json({ contacts: items, pagingMetadata: metadata });
  });

  app.get('/contacts/v4/contacts/:id', (c) => c.json({ contact: getContactTx(store, c.req.param('id')) }));

  app.post('/contacts/v4/contacts', async (c) => {
    const req = await body<{ info?: Record<string, unknown>; allowDuplicates?: boolean }>(c);
    const info = contactInfoFrom(req.info);
    const now = ctx.clock.now().toISOString();
    const contact = store.transact((tx) =>
      createContactTx(tx, now, info, { allowDuplicates: req.allowDuplicates === true }),
    );
    return c.json({ contact });
  });
}
