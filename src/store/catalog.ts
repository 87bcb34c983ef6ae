import type { Selectable } from 'kysely';
import type { CatalogEntry, CatalogRepo } from '../core/ports/store';
import type { Currency } from '../core/redemption';
import { clampLimit, decodeCursor, pageOf } from './cursor';
import type { CatalogEntriesTable } from './schema';
import { type Executor, toFlag, toIso, toMs } from './util';

function fromRow(row: Selectable<CatalogEntriesTable>): CatalogEntry {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    currency: row.currency as Currency,
    price: row.price,
    benefit: row.benefit_json === null ? null : (JSON.parse(row.benefit_json) as CatalogEntry['benefit']),
    reward: row.reward_json === null ? null : (JSON.parse(row.reward_json) as CatalogEntry['reward']),
    // Stored as its opposite (one booking per member), the column older versions kept.
    repeatable: row.one_per_member !== 1,
    product:
      row.product_json === null
        ? null
        : (JSON.parse(row.product_json) as NonNullable<CatalogEntry['product']>),
    stock: row.stock,
    active: row.active === 1,
    updatedAt: toIso(row.updated_at),
  };
}

/**
 * `list` shows active entries only, cheapest first, ties by id: keyset cursor over (price, id).
 * Lookups by benefit/reward id see inactive entries too; if several share one, the lowest id wins.
 */
export function catalogRepo(db: Executor): CatalogRepo {
  return {
    async upsert(entry) {
      const values = {
        id: entry.id,
        title: entry.title,
        description: entry.description,
        currency: entry.currency,
        price: entry.price,
        benefit_json: entry.benefit === null ? null : JSON.stringify(entry.benefit),
        benefit_external_id: entry.benefit?.externalId ?? null,
        reward_json: entry.reward === null ? null : JSON.stringify(entry.reward),
        reward_id: entry.reward?.rewardId ?? null,
        one_per_member: toFlag(!entry.repeatable),
        product_json: entry.product ? JSON.stringify(entry.product) : null,
        stock: entry.stock,
        active: toFlag(entry.active),
        updated_at: toMs(entry.updatedAt),
      };
      const { id: _, ...update } = values;
      await db
        .insertInto('catalog_entries')
        .values(values)
        .onConflict((oc) => oc.column('id').doUpdateSet(update))
        .execute();
    },

    async get(id) {
      const row = await db.selectFrom('catalog_entries').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },

    async findByBenefitExternalId(externalId) {
      const row = await db
        .selectFrom('catalog_entries')
        .selectAll()
        .where('benefit_external_id', '=', externalId)
        .orderBy('id')
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async findByRewardId(rewardId) {
      const row = await db
        .selectFrom('catalog_entries')
        .selectAll()
        .where('reward_id', '=', rewardId)
        .orderBy('id')
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async list(filter) {
      const limit = clampLimit(filter.limit);
      let query = db.selectFrom('catalog_entries').selectAll().where('active', '=', 1);
      if (filter.currency !== undefined) query = query.where('currency', '=', filter.currency);
      if (filter.cursor) {
        const [price, id] = decodeCursor(filter.cursor);
        query = query.where((eb) =>
          eb.or([eb('price', '>', price), eb.and([eb('price', '=', price), eb('id', '>', id)])]),
        );
      }
      const rows = await query
        .orderBy('price')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      return pageOf(rows, limit, (last) => [last.price, last.id], fromRow);
    },
  };
}
