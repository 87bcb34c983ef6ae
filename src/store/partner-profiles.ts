import type { Selectable } from 'kysely';
import type { PartnerProfile, PartnerProfileRepo } from '../core/ports/partner-profiles';
import { clampLimit, decodeCursor, pageOf } from './cursor';
import type { PartnerProfilesTable } from './schema';
import { affected, type Executor, toIso, toMs } from './util';

function fromRow(row: Selectable<PartnerProfilesTable>): PartnerProfile {
  return {
    integration: row.integration,
    externalId: row.external_id,
    displayName: row.display_name,
    tier: row.tier,
    attributes:
      row.attributes_json === null ? null : (JSON.parse(row.attributes_json) as Record<string, unknown>),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function partnerProfileRepo(db: Executor): PartnerProfileRepo {
  return {
    async save(profile) {
      const values = {
        integration: profile.integration,
        external_id: profile.externalId,
        display_name: profile.displayName,
        tier: profile.tier,
        attributes_json: profile.attributes === null ? null : JSON.stringify(profile.attributes),
        created_at: toMs(profile.createdAt),
        updated_at: toMs(profile.updatedAt),
      };
      const { integration: _i, external_id: _e, created_at: _c, ...update } = values;
      await db
        .insertInto('partner_profiles')
        .values(values)
        .onConflict((oc) => oc.columns(['integration', 'external_id']).doUpdateSet(update))
        .execute();
    },

    async get(integration, externalId) {
      const row = await db
        .selectFrom('partner_profiles')
        .selectAll()
        .where('integration', '=', integration)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async remove(integration, externalId) {
      const result = await db
        .deleteFrom('partner_profiles')
        .where('integration', '=', integration)
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return affected(result.numDeletedRows) > 0;
    },

    async list(integration, filter) {
      const limit = clampLimit(filter.limit);
      let query = db.selectFrom('partner_profiles').selectAll().where('integration', '=', integration);
      if (filter.tier !== undefined) query = query.where('tier', '=', filter.tier);
      if (filter.cursor) {
        const [createdAt, id] = decodeCursor(filter.cursor);
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('external_id', '<', id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('external_id', 'desc')
        .limit(limit + 1)
        .execute();
      return pageOf(rows, limit, (last) => [Number(last.created_at), last.external_id], fromRow);
    },
  };
}
