import type {
  EventOutcome,
  InboundEventRepo,
  InboundEventRequest,
  InboundEventState,
} from '../core/ports/inbound-events';
import { compiledOnce } from './compiled';
import { affected, type Executor } from './util';

// The statements every inbound event runs, compiled once (compiled.ts).
const selectEvent = compiledOnce((db, v: { source: string; eventId: string }) =>
  db
    .selectFrom('inbound_events')
    .select(['status', 'payload_hash', 'outcome_json'])
    .where('source', '=', v.source)
    .where('event_id', '=', v.eventId),
);

const insertEvent = compiledOnce(
  (db, v: { source: string; eventId: string; kind: string; payloadHash: string; receivedAt: number }) =>
    db
      .insertInto('inbound_events')
      .values({
        source: v.source,
        event_id: v.eventId,
        kind: v.kind,
        payload_hash: v.payloadHash,
        status: 'processing',
        outcome_json: null,
        received_at: v.receivedAt,
        completed_at: null,
      })
      .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing()),
);

const completeEvent = compiledOnce(
  (db, v: { source: string; eventId: string; outcome: string; completedAt: number }) =>
    db
      .updateTable('inbound_events')
      .set({ status: 'done', outcome_json: v.outcome, completed_at: v.completedAt })
      .where('source', '=', v.source)
      .where('event_id', '=', v.eventId)
      .where('status', '=', 'processing'),
);

export function inboundEventRepo(db: Executor): InboundEventRepo {
  const read = async ({ source, eventId, payloadHash }: InboundEventRequest): Promise<InboundEventState> => {
    const [row] = (await selectEvent(db, { source, eventId })).rows;
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
      const inserted = await insertEvent(db, {
        source,
        eventId,
        kind,
        payloadHash,
        receivedAt: now.getTime(),
      });
      // A new event is ours as written: no need to read it back.
      if (affected(inserted.numAffectedRows) > 0) return { kind: 'processing', payloadHash };
      return read(request);
    },

    async complete(source, eventId, outcome, now) {
      const result = await completeEvent(db, {
        source,
        eventId,
        outcome: JSON.stringify(outcome),
        completedAt: now.getTime(),
      });
      return affected(result.numAffectedRows) > 0;
    },
  };
}
