import type { Context, Hono } from 'hono';
import type { EmulatorContext } from '../context';
import { body, WixApiError, WixValidationError } from '../wire';
import { currentMemberId } from './identity';
import { CONTACTS, type Contact, MEMBERS, type Member, presentMember } from './model';
import { type OffsetQuery, runOffsetQuery } from './offset-query';
import { addSiteMemberTx } from './site-members';

type CreateMemberBody = {
  member?: {
    id?: string;
    loginEmail?: string;
    profile?: { nickname?: string };
    contact?: { firstName?: string; lastName?: string };
  };
};

/** GET sends `fieldsets=FULL&fieldsets=…` in the query string; POST sends a `fieldsets` array. */
const queryFieldsets = (c: Context): string[] => c.req.queries('fieldsets') ?? [];
const bodyFieldsets = (b: { fieldsets?: unknown }): string[] =>
  Array.isArray(b.fieldsets) ? b.fieldsets.filter((f): f is string => typeof f === 'string') : [];

const memberNotFound = (id: string) =>
  new WixApiError(404, 'MEMBER_NOT_FOUND', 'Member not found', { memberId: id });

/** Site members (`@wix/members` members v1) on the paths the SDK calls. */
export function registerMemberRoutes(app: Hono, ctx: EmulatorContext): void {
  const { store } = ctx;
  const present = (member: Member, fieldsets: string[]) =>
    presentMember(member, fieldsets, store.get<Contact>(CONTACTS, member.contactId));

  // getCurrentMember: the member is the subject of the member token (see identity.ts).
  app.get('/members/v1/members/my', (c) => {
    const id = currentMemberId(c);
    const member = id ? store.get<Member>(MEMBERS, id) : undefined;
    if (!member) throw new WixApiError(404, 'NOT_FOUND', 'No current member', {});
    return c.json({ member: present(member, queryFieldsets(c)) });
  });

  app.get('/members/v1/members/:id', (c) => {
    const id = c.req.param('id');
    const member = store.get<Member>(MEMBERS, id);
    if (!member) throw memberNotFound(id);
    return c.json({ member: present(member, queryFieldsets(c)) });
  });

  app.get('/members/v1/members', (c) => {
    const query: OffsetQuery = {
      paging: { offset: c.req.query('paging.offset') ?? null, limit: c.req.query('paging.limit') ?? null },
    };
    const { items, metadata } = runOffsetQuery(store.all<Member>(MEMBERS), query);
    return c.json({ members: items.map((m) => present(m, queryFieldsets(c))), metadata });
  });

  // The builder pages by offset and reads `metadata` (not `pagingMetadata`) from this response.
  app.post('/members/v1/members/query', async (c) => {
    const req = await body<{ query?: OffsetQuery; fieldsets?: unknown }>(c);
    const { items, metadata } = runOffsetQuery(store.all<Member>(MEMBERS), req.query);
    return c.json({ members: items.map((m) => present(m, bodyFieldsets(req))), metadata });
  });

  // createMember: the local stand-in for sign-up. Unlike the real API, `member.id` may be given.
  app.post('/members/v1/members', async (c) => {
    const req = await body<CreateMemberBody>(c);
    const input = req.member ?? {};
    if (typeof input.loginEmail !== 'string' || input.loginEmail === '') {
      throw new WixValidationError([
        { field: 'member.loginEmail', description: 'must not be empty', violatedRule: 'REQUIRED_FIELD' },
      ]);
    }
    const fullName = [input.contact?.firstName, input.contact?.lastName].filter(Boolean).join(' ');
    const name = input.profile?.nickname || fullName || undefined;
    const now = ctx.clock.now().toISOString();
    const { member, contact } = store.transact((tx) =>
      addSiteMemberTx(tx, now, { id: input.id, email: input.loginEmail ?? '', name }),
    );
    return c.json({ member: presentMember(member, ['FULL'], contact) });
  });
}
