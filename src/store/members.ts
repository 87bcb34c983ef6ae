import type { Selectable } from 'kysely';
import { normalizeDocument, normalizeEmail } from '../core/members/normalize';
import type { MemberRecord, MemberRepo } from '../core/ports/store';
import type { MembersTable } from './schema';
import { affected, type Executor, toIso, toMs } from './util';

function fromRow(row: Selectable<MembersTable>): MemberRecord {
  return {
    memberId: row.member_id,
    contactId: row.contact_id,
    email: row.email,
    document: row.document,
    createdAt: toIso(row.created_at),
  };
}

/**
 * Emails and documents are stored and matched in the one normalized form (core/members/normalize.ts): any
 * case, whitespace or document punctuation finds the same member. `upsert` keeps the first `createdAt` (the member's creation
 * time does not move); its other non-null fields overwrite. `link` of a pair already linked to another
 * member moves the link to the new member (the integration's latest word wins).
 */
export function memberRepo(db: Executor): MemberRepo {
  return {
    async upsert(member) {
      await db
        .insertInto('members')
        .values({
          member_id: member.memberId,
          contact_id: member.contactId,
          email: member.email ? normalizeEmail(member.email) : null,
          document: member.document ? normalizeDocument(member.document) : null,
          created_at: toMs(member.createdAt),
        })
        .onConflict((oc) =>
          oc.column('member_id').doUpdateSet((eb) => ({
            contact_id: eb.fn.coalesce('excluded.contact_id', 'members.contact_id'),
            email: eb.fn.coalesce('excluded.email', 'members.email'),
            document: eb.fn.coalesce('excluded.document', 'members.document'),
          })),
        )
        .execute();
    },

    async get(memberId) {
      const row = await db
        .selectFrom('members')
        .selectAll()
        .where('member_id', '=', memberId)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async findByEmail(email) {
      // Not unique: Wix may hold several members with one email; the oldest is the stable answer.
      const row = await db
        .selectFrom('members')
        .selectAll()
        .where('email', '=', normalizeEmail(email))
        .orderBy('created_at')
        .orderBy('member_id')
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async findByDocument(document) {
      const row = await db
        .selectFrom('members')
        .selectAll()
        .where('document', '=', normalizeDocument(document))
        .orderBy('created_at')
        .orderBy('member_id')
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async link(integration, externalId, memberId) {
      await db
        .insertInto('member_links')
        .values({ integration, external_id: externalId, member_id: memberId })
        .onConflict((oc) =>
          oc
            .columns(['integration', 'external_id'])
            .doUpdateSet((eb) => ({ member_id: eb.ref('excluded.member_id') }))
            // Same member: leave the row untouched.
            .where('member_links.member_id', '<>', memberId),
        )
        .execute();
    },

    async unlink(integration, externalId) {
      const result = await db
        .deleteFrom('member_links')
        .where('integration', '=', integration)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return affected(result.numDeletedRows) > 0;
    },

    async externalIdOf(integration, memberId) {
      const row = await db
        .selectFrom('member_links')
        .select('external_id')
        .where('integration', '=', integration)
        .where('member_id', '=', memberId)
        .orderBy('external_id')
        .executeTakeFirst();
      return row?.external_id;
    },

    async resolveLink(integration, externalId) {
      const row = await db
        .selectFrom('member_links')
        .select('member_id')
        .where('integration', '=', integration)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return row?.member_id;
    },
  };
}
