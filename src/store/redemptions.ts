import type { Insertable, Selectable } from 'kysely';
import type { RedemptionRepo } from '../core/ports/store';
import type {
  Currency,
  OfferRef,
  Redemption,
  RedemptionEvent,
  RedemptionStatus,
  WixRefs,
} from '../core/redemption';
import { compiledOnce } from './compiled';
import { clampLimit, decodeCursor, pageOf } from './cursor';
import type { RedemptionEventsTable, RedemptionsTable } from './schema';
import { type Executor, inTransaction, toIso, toMs } from './util';

type Row = Selectable<RedemptionsTable>;

function fromRow(row: Row): Redemption {
  return {
    id: row.id,
    memberId: row.member_id,
    channel: row.channel,
    offer: JSON.parse(row.offer_json) as OfferRef,
    count: row.count,
    price: row.price,
    currency: row.currency as Currency,
    status: row.status as RedemptionStatus,
    canceledReason: row.canceled_reason,
    canceledNote: row.canceled_note,
    wix: JSON.parse(row.wix_json) as WixRefs,
    externalCode: row.external_code,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

function eventFromRow(row: Selectable<RedemptionEventsTable>): RedemptionEvent {
  return {
    redemptionId: row.redemption_id,
    status: row.status as RedemptionStatus,
    at: toIso(row.at),
    actor: row.actor,
    note: row.note,
  };
}

// Every redemption writes these two rows: compiled once (compiled.ts).
const insertEvent = compiledOnce((db, v: Insertable<RedemptionEventsTable>) =>
  db.insertInto('redemption_events').values({
    redemption_id: v.redemption_id,
    seq: v.seq,
    status: v.status,
    at: v.at,
    actor: v.actor,
    note: v.note,
  }),
);

const insertRedemption = compiledOnce((db, v: Insertable<RedemptionsTable>) =>
  db.insertInto('redemptions').values({
    id: v.id,
    member_id: v.member_id,
    channel: v.channel,
    offer_json: v.offer_json,
    count: v.count,
    price: v.price,
    currency: v.currency,
    status: v.status,
    canceled_reason: v.canceled_reason,
    canceled_note: v.canceled_note,
    wix_json: v.wix_json,
    external_code: v.external_code,
    created_at: v.created_at,
    updated_at: v.updated_at,
  }),
);

async function appendEvent(db: Executor, event: RedemptionEvent, seq: number): Promise<void> {
  await insertEvent(db, {
    redemption_id: event.redemptionId,
    seq,
    status: event.status,
    at: toMs(event.at),
    actor: event.actor,
    note: event.note,
  });
}

/** Timestamps come back normalized to `toISOString()` form (they are stored as epoch ms). */
export function redemptionRepo(db: Executor): RedemptionRepo {
  return {
    async insert(redemption, event) {
      if (event.redemptionId !== redemption.id) throw new TypeError('event belongs to another redemption');
      await inTransaction(db, async (trx) => {
        await insertRedemption(trx, {
          id: redemption.id,
          member_id: redemption.memberId,
          channel: redemption.channel,
          offer_json: JSON.stringify(redemption.offer),
          count: redemption.count,
          price: redemption.price,
          currency: redemption.currency,
          status: redemption.status,
          canceled_reason: redemption.canceledReason,
          canceled_note: redemption.canceledNote,
          wix_json: JSON.stringify(redemption.wix),
          external_code: redemption.externalCode,
          created_at: toMs(redemption.createdAt),
          updated_at: toMs(redemption.updatedAt),
        });
        await appendEvent(trx, event, 1);
      });
    },

    async get(id) {
      const row = await db.selectFrom('redemptions').selectAll().where('id', '=', id).executeTakeFirst();
      return row && fromRow(row);
    },

    async findByExternalCode(externalCode) {
      const row = await db
        .selectFrom('redemptions')
        .selectAll()
        .where('external_code', '=', externalCode)
        .executeTakeFirst();
      return row && fromRow(row);
    },

    async list(filter) {
      const limit = clampLimit(filter.limit);
      let query = db.selectFrom('redemptions').selectAll();
      if (filter.memberId !== undefined) query = query.where('member_id', '=', filter.memberId);
      if (filter.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter.channel !== undefined) query = query.where('channel', '=', filter.channel);
      if (filter.createdFrom !== undefined) query = query.where('created_at', '>=', toMs(filter.createdFrom));
      if (filter.createdBefore !== undefined)
        query = query.where('created_at', '<', toMs(filter.createdBefore));
      if (filter.cursor) {
        const [createdAt, id] = decodeCursor(filter.cursor);
        query = query.where((eb) =>
          eb.or([
            eb('created_at', '<', createdAt),
            eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
          ]),
        );
      }
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      return pageOf(rows, limit, (last) => [last.created_at, last.id], fromRow);
    },

    async transition(id, from, patch, event) {
      if (event.redemptionId !== id) throw new TypeError('event belongs to another redemption');
      if (from.length === 0) return undefined;
      return inTransaction(db, async (trx) => {
        // The conditional UPDATE is the compare-and-set; on PostgreSQL it also row-locks the redemption
        // until commit, so the wix merge and the event's seq below cannot race another transition.
        const row = await trx
          .updateTable('redemptions')
          .set({
            status: event.status,
            updated_at: toMs(event.at),
            ...(patch.canceledReason !== undefined ? { canceled_reason: patch.canceledReason } : {}),
            ...(patch.canceledNote !== undefined ? { canceled_note: patch.canceledNote } : {}),
            ...(patch.externalCode !== undefined ? { external_code: patch.externalCode } : {}),
            // Canceled is where a cancel ends; nothing else may move a redemption being canceled.
            ...(event.status === 'CANCELED' ? { canceling_at: null } : {}),
          })
          .where('id', '=', id)
          .where('status', 'in', from)
          .$if(event.status !== 'CANCELED', (q) => q.where('canceling_at', 'is', null))
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        if (patch.wix !== undefined) {
          // Keys the patch leaves undefined keep their stored value.
          const set = Object.entries(patch.wix).filter(([, value]) => value !== undefined);
          row.wix_json = JSON.stringify({
            ...(JSON.parse(row.wix_json) as WixRefs),
            ...Object.fromEntries(set),
          });
          await trx.updateTable('redemptions').set({ wix_json: row.wix_json }).where('id', '=', id).execute();
        }
        const last = await trx
          .selectFrom('redemption_events')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('redemption_id', '=', id)
          .executeTakeFirst();
        await appendEvent(trx, event, Number(last?.seq ?? 0) + 1);
        return fromRow(row);
      });
    },

    async beginCancel(id, from, at) {
      if (from.length === 0) return undefined;
      const row = await db
        .updateTable('redemptions')
        .set((eb) => ({ canceling_at: eb.fn.coalesce('canceling_at', eb.val(at.getTime())) }))
        .where('id', '=', id)
        .where('status', 'in', from)
        .returningAll()
        .executeTakeFirst();
      return row ? fromRow(row) : undefined;
    },

    async abortCancel(id) {
      await db.updateTable('redemptions').set({ canceling_at: null }).where('id', '=', id).execute();
    },

    async countByStatus({ memberId, channel }) {
      const rows = await db
        .selectFrom('redemptions')
        .select((eb) => ['status', eb.fn.countAll<number | string | bigint>().as('n')])
        .where('member_id', '=', memberId)
        .where('channel', '=', channel)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status as RedemptionStatus, Number(r.n)]));
    },

    async events(id) {
      const rows = await db
        .selectFrom('redemption_events')
        .selectAll()
        .where('redemption_id', '=', id)
        .orderBy('seq')
        .execute();
      return rows.map(eventFromRow);
    },
  };
}
