import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSiteMember } from '../../src/emulator/members/routes';
import { type LocalWix, startLocalWix, wixErrorCode } from '../support/local-wix';

let local: LocalWix;
beforeEach(() => {
  local = startLocalWix();
});
afterEach(() => local.close());

/** The real members/contacts SDK modules, called as the app and answered by the local Wix. */
const crm = () => local.sdk;

async function signUp(input: { id?: string; email: string; name?: string }) {
  const res = await local.sdk.fetchWithAuth('https://www.wixapis.com/_emulator/members', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return wixErrorCode(err);
  }
  throw new Error('expected the call to fail');
}

describe('site members', () => {
  it('signs a member up through the local route, with a contact, idempotently', async () => {
    const first = await signUp({ id: 'm1', email: 'Ana@Example.com', name: 'Ana Lima' });
    expect(first.status).toBe(200);
    const member = first.body.member as { id: string; loginEmail: string; contactId: string };
    const contact = first.body.contact as { id: string; memberInfo: { memberId: string } };
    expect(member).toMatchObject({ id: 'm1', loginEmail: 'ana@example.com', status: 'APPROVED' });
    expect(contact.id).toBe(member.contactId);
    expect(contact.memberInfo.memberId).toBe('m1');

    const again = await signUp({ id: 'm1', email: 'ana@example.com' });
    expect(again.status).toBe(200);
    expect((again.body.member as { contactId: string }).contactId).toBe(member.contactId);

    const otherEmail = await signUp({ id: 'm1', email: 'other@example.com' });
    expect(otherEmail.status).toBe(409);
    const emailTaken = await signUp({ id: 'm2', email: 'ana@example.com' });
    expect(emailTaken.status).toBe(409);
    expect(emailTaken.body).toMatchObject({
      details: { applicationError: { code: 'EMAIL_ALREADY_EXISTS' } },
    });
    expect((await signUp({ email: 'not-an-email' })).status).toBe(400);
  });

  it('gets a member per fieldset: PUBLIC (default) hides loginEmail, FULL shows it', async () => {
    await signUp({ id: 'm1', email: 'ana@example.com', name: 'Ana' });
    const publicView = await crm().members.getMember('m1');
    expect(publicView._id).toBe('m1');
    expect(publicView.profile?.nickname).toBe('Ana');
    expect(publicView.loginEmail).toBeUndefined();
    const full = await crm().members.getMember('m1', { fieldsets: ['FULL'] });
    expect(full.loginEmail).toBe('ana@example.com');
    expect(full.contact?.emails).toEqual(['ana@example.com']);
    expect(await failure(crm().members.getMember('nobody'))).toBe('MEMBER_NOT_FOUND');
  });

  it('creates a member through the SDK and finds it by login email with offset paging', async () => {
    const created = await crm().members.createMember({
      member: { loginEmail: 'bia@example.com', profile: { nickname: 'Bia' } },
    });
    expect(created._id).toEqual(expect.any(String));
    expect(created.loginEmail).toBe('bia@example.com');
    const contact = await crm().contacts.getContact(created.contactId ?? '');
    expect(contact.primaryInfo?.email).toBe('bia@example.com');
    expect(await failure(crm().members.createMember({ member: { loginEmail: 'bia@example.com' } }))).toBe(
      'EMAIL_ALREADY_EXISTS',
    );

    await signUp({ id: 'm2', email: 'caio@example.com' });
    await signUp({ id: 'm3', email: 'duda@example.com' });
    const found = await crm()
      .members.queryMembers({ fieldsets: ['FULL'] })
      .eq('loginEmail', 'caio@example.com')
      .find();
    expect(found.items.map((m) => [m._id, m.loginEmail])).toEqual([['m2', 'caio@example.com']]);

    const page1 = await crm().members.queryMembers().limit(2).find();
    expect(page1.items.map((m) => m._id)).toEqual([created._id, 'm2']);
    expect(page1.hasNext()).toBe(true);
    const page2 = await page1.next();
    expect(page2.items.map((m) => m._id)).toEqual(['m3']);
    expect(page2.hasNext()).toBe(false);
  });

  it('exports addSiteMember for in-process use', () => {
    const ctx = { store: local.emulator.store, clock: local.emulator.clock };
    const { member, contact, created } = addSiteMember(ctx, { id: 'cli-1', email: 'cli@example.com' });
    expect(created).toBe(true);
    expect(member.contactId).toBe(contact.id);
    expect(addSiteMember(ctx, { id: 'cli-1', email: 'CLI@example.com' }).created).toBe(false);
  });
});

describe('contacts', () => {
  it('creates, gets and queries contacts by email; refuses duplicates unless allowed', async () => {
    const { contact } = await crm().contacts.createContact({
      name: { first: 'Eva' },
      emails: { items: [{ email: 'eva@example.com' }] },
    });
    expect(contact?.primaryInfo?.email).toBe('eva@example.com');
    const id = contact?._id ?? '';
    expect((await crm().contacts.getContact(id)).info?.name?.first).toBe('Eva');

    expect(
      await failure(crm().contacts.createContact({ emails: { items: [{ email: 'EVA@example.com' }] } })),
    ).toBe('DUPLICATE_CONTACT_EXISTS');
    const dup = await crm().contacts.createContact(
      { emails: { items: [{ email: 'eva@example.com' }] } },
      { allowDuplicates: true },
    );
    expect(dup.contact?._id).not.toBe(id);
    expect(await failure(crm().contacts.createContact({}))).toBe('INSUFFICIENT_CONTACT_DATA');

    const byEmail = await crm().contacts.queryContacts().eq('primaryInfo.email', 'eva@example.com').find();
    expect(byEmail.items).toHaveLength(2);
    // The typed builder has no `info.emails.email`; the REST filter matches any of a contact's emails.
    const raw = await local.sdk.fetchWithAuth('https://www.wixapis.com/contacts/v4/contacts/query', {
      method: 'POST',
      body: JSON.stringify({
        query: { filter: { 'info.emails.email': 'eva@example.com' }, paging: { limit: 1 } },
      }),
    });
    expect(await raw.json()).toMatchObject({ contacts: [{ id }], pagingMetadata: { count: 1, total: 2 } });
    const byPrimary = await crm()
      .contacts.queryContacts()
      .eq('primaryInfo.email', 'nobody@example.com')
      .find();
    expect(byPrimary.items).toHaveLength(0);
    expect(await failure(crm().contacts.getContact('missing'))).toBe('CONTACT_NOT_FOUND');
  });

  it('links a sign-up to the existing contact with that email', async () => {
    const { contact } = await crm().contacts.createContact({
      emails: { items: [{ email: 'fil@example.com' }] },
    });
    const { body } = await signUp({ id: 'm9', email: 'fil@example.com' });
    expect((body.member as { contactId: string }).contactId).toBe(contact?._id);
    const linked = await crm().contacts.getContact(contact?._id ?? '');
    expect(linked.revision).toBe(2);
    // memberInfo is on the REST contact, not in this SDK's Contact typing.
    expect((linked as { memberInfo?: { memberId?: string } }).memberInfo?.memberId).toBe('m9');
  });
});
