import { randomBytes } from 'node:crypto';
import type { EventOutcome, InboundClaim, InboundEventRepo } from '../core/ports/inbound-events';
import { affected, type Executor } from './util';

/** A claim that keeps losing races (released between our statements) reports in-flight. */
const MAX_ROUNDS = 5;

export function inboundEventRepo(db: Executor): InboundEventRepo {
  return {
    async claim({ source, eventId, kind, payloadHash, now, leaseMs }): Promise<InboundClaim> {
      const nowMs = now.getTime();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const owner = randomBytes(16).toString('base64url');
        // One statement inserts the event or takes over an expired lease: among concurrent deliveries
        // (in-process or across instances) exactly one gets a row back.
        const won = await db
          .insertInto('inbound_events')
          .values({
            source,
            event_id: eventId,
            kind,
            payload_hash: payloadHash,
            status: 'processing',
            owner,
            lease_expires_at: nowMs + Math.ceil(leaseMs),
            attempt: 1,
            outcome_json: null,
            received_at: nowMs,
            completed_at: null,
          })
          .onConflict((oc) =>
            oc
              .columns(['source', 'event_id'])
              .doUpdateSet((eb) => ({
                owner: eb.ref('excluded.owner'),
                lease_expires_at: eb.ref('excluded.lease_expires_at'),
                attempt: eb('inbound_events.attempt', '+', 1),
              }))
              .where((eb) =>
                eb.and([
                  eb('inbound_events.status', '=', 'processing'),
                  eb('inbound_events.payload_hash', '=', payloadHash),
                  eb('inbound_events.lease_expires_at', '<=', nowMs),
                ]),
              ),
          )
          .returning(['attempt'])
          .executeTakeFirst();
        if (won) return { kind: 'acquired', owner, resumed: won.attempt > 1 };

        const row = await db
          .selectFrom('inbound_events')
          .select(['status', 'payload_hash', 'lease_expires_at', 'outcome_json'])
          .where('source', '=', source)
          .where('event_id', '=', eventId)
          .executeTakeFirst();
        if (!row) continue;
        if (row.status === 'done') {
          return {
            kind: 'done',
            outcome: JSON.parse(row.outcome_json ?? '{}') as EventOutcome,
            payloadHash: row.payload_hash,
          };
        }
        const left = (row.lease_expires_at ?? 0) - nowMs;
        if (left > 0 || row.payload_hash !== payloadHash) {
          return { kind: 'in-flight', payloadHash: row.payload_hash, retryAfterMs: Math.max(1, left) };
        }
      }
      return { kind: 'in-flight', payloadHash, retryAfterMs: 1 };
    },

    async complete(source, eventId, owner, outcome, now) {
      const result = await db
        .updateTable('inbound_events')
        .set({
          status: 'done',
          outcome_json: JSON.stringify(outcome),
          completed_at: now.getTime(),
          owner: null,
          lease_expires_at: null,
        })
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .where('owner', '=', owner)
        .where('status', '=', 'processing')
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async release(source, eventId, owner) {
      await db
        .deleteFrom('inbound_events')
        .where('source', '=', source)
        .where('event_id', '=', eventId)
        .where('owner', '=', owner)
        .where('status', '=', 'processing')
        .execute();
    },
  };
}
