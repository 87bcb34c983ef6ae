import type {
  EventOutcome,
  InboundEventRepo,
  InboundEventRequest,
  InboundEventState,
} from '../core/ports/inbound-events';
import { affected, type Executor } from './util';

export function inboundEventRepo(db: Executor): InboundEventRepo {
  const read = async ({ source, eventId, payloadHash }: InboundEventRequest): Promise<InboundEventState> => {
    const row = await db
      .selectFrom('inbound_events')
      .select(['status', 'payload_hash', 'outcome_json'])
      .where('source', '=', source)
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    if (!row) return { kind: 'processing', payloadHash };
    if (row.status === 'done') {
      return {
        kind: 'done',
        outcome: JSON.parse(row.outcome_json ?? '{}') as EventOutcome,
        payloadHash: row.payload_hash,
      };
    }
    return { kind: 'processing', payloadHash: row.payload_hash };
  };

  return {
    read,
    async open(request): Promise<InboundEventState> {
      const { source, eventId, kind, payloadHash, now } = request;
      const inserted = await db
        .insertInto('inbound_events')
        .values({
          source,
          event_id: eventId,
          kind,
          payload_hash: payloadHash,
          status: 'processing',
          outcome_json: null,
          received_at: now.getTime(),
          completed_at: null,
        })
        .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
        .executeTakeFirst();
      // A new event is ours as written: no need to read it back.
      if (affected(inserted.numInsertedOrUpdatedRows) > 0) return { kind: 'processing', payloadHash };
      return read(request);
    },

    async complete(source, eventId, outcome, now) {
      const result = await db
        .updateTable('inbound_events')
        .set({ status: 'done', outcome_json: JSON.stringify(outcome), completed_at: now.getTime() })
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },
  };
}
