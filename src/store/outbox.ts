import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Delivery, OutboxRepo, WebhookEndpoint } from '../core/ports/outbox';
import type { WebhookEndpointsTable } from './schema';
import type { SecretBox } from './secret-box';
import { affected, type Executor, toIso, toMs } from './util';

/** Where an endpoint's signing secret is sealed: its row. */
export const endpointSecretContext = (id: string) => `webhook_endpoints.secret:${id}`;

function endpointFromRow(row: Selectable<WebhookEndpointsTable>, box: SecretBox): WebhookEndpoint {
  return {
    id: row.id,
    integration: row.integration,
    url: row.url,
    events: JSON.parse(row.events_json) as string[],
    secret: box.open(row.secret, endpointSecretContext(row.id)),
    createdAt: toIso(row.created_at),
    disabledAt: row.disabled_at === null ? null : toIso(row.disabled_at),
  };
}

const deliveryId = () => `dlv_${randomBytes(12).toString('base64url')}`;

/**
 * Claims are conditional UPDATEs (lease on deliveries, dispatch mark on redemption events), so among
 * workers in any number of processes exactly one gets each row.
 */
export function outboxRepo(db: Executor, box: SecretBox): OutboxRepo {
  return {
    async addEndpoint(endpoint) {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          integration: endpoint.integration,
          url: endpoint.url,
          events_json: JSON.stringify(endpoint.events),
          secret: box.seal(endpoint.secret, endpointSecretContext(endpoint.id)),
          created_at: toMs(endpoint.createdAt),
          disabled_at: endpoint.disabledAt === null ? null : toMs(endpoint.disabledAt),
        })
        .execute();
    },

    async listEndpoints(integration) {
      const rows = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('integration', '=', integration)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .execute();
      return rows.map((row) => endpointFromRow(row, box));
    },

    async disableEndpoint(integration, id, at) {
      await db
        .updateTable('webhook_endpoints')
        .set({ disabled_at: toMs(at) })
        .where('id', '=', id)
        .where('integration', '=', integration)
        .where('disabled_at', 'is', null)
        .execute();
      const row = await db
        .selectFrom('webhook_endpoints')
        .selectAll()
        .where('id', '=', id)
        .where('integration', '=', integration)
        .executeTakeFirst();
      return row && endpointFromRow(row, box);
    },

    async enqueue(integration, event, now) {
      // Queuing needs no secret: only which endpoints want the event.
      const endpoints = await db
        .selectFrom('webhook_endpoints')
        .select(['id', 'events_json'])
        .where('integration', '=', integration)
        .where('disabled_at', 'is', null)
        .execute();
      const subscribed = endpoints.filter((e) =>
        (JSON.parse(e.events_json) as string[]).includes(event.type),
      );
      for (const endpoint of subscribed) {
        await db
          .insertInto('webhook_deliveries')
          .values({
            id: deliveryId(),
            endpoint_id: endpoint.id,
            event_id: event.eventId,
            type: event.type,
            payload: event.payload,
            attempts: 0,
            next_attempt_at: now.getTime(),
            lease_until: null,
            delivered_at: null,
            last_error: null,
            created_at: now.getTime(),
          })
          // The same event queued twice (a retried dispatch) stays one delivery per endpoint.
          .onConflict((oc) => oc.columns(['event_id', 'endpoint_id']).doNothing())
          .execute();
      }
      return subscribed.length;
    },

    async claimDue(now, limit, leaseMs) {
      const nowMs = now.getTime();
      const due = await db
        .selectFrom('webhook_deliveries')
        .select('id')
        .where('next_attempt_at', '<=', nowMs)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowMs)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
      const claimed: Delivery[] = [];
      for (const { id } of due) {
        const won = await db
          .updateTable('webhook_deliveries')
          .set({ lease_until: nowMs + leaseMs })
          .where('id', '=', id)
          .where('next_attempt_at', '<=', nowMs)
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', nowMs)]))
          .executeTakeFirst();
        if (affected(won.numUpdatedRows) === 0) continue;
        const row = await db
          .selectFrom('webhook_deliveries as d')
          .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
          .selectAll('e')
          .select([
            'd.id as delivery_id',
            'd.event_id',
            'd.type',
            'd.payload',
            'd.attempts',
            'd.created_at as delivery_created_at',
          ])
          .where('d.id', '=', id)
          .executeTakeFirst();
        if (!row) continue;
        claimed.push({
          id: row.delivery_id,
          eventId: row.event_id,
          type: row.type,
          payload: row.payload,
          attempts: row.attempts,
          createdAt: toIso(row.delivery_created_at),
          endpoint: endpointFromRow(row, box),
        });
      }
      return claimed;
    },

    async markDelivered(id, at) {
      await db
        .updateTable('webhook_deliveries')
        .set({ delivered_at: at.getTime(), next_attempt_at: null, lease_until: null, last_error: null })
        .where('id', '=', id)
        .execute();
    },

    async markFailed(id, failure) {
      await db
        .updateTable('webhook_deliveries')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          next_attempt_at: failure.nextAttemptAt?.getTime() ?? null,
          lease_until: null,
          last_error: failure.error.slice(0, 500),
        }))
        .where('id', '=', id)
        .execute();
    },

    async undispatched(limit) {
      const rows = await db
        .selectFrom('redemption_events as e')
        .innerJoin('redemptions as r', 'r.id', 'e.redemption_id')
        .select(['e.redemption_id', 'e.seq', 'r.channel'])
        .where('e.dispatched_at', 'is', null)
        .orderBy('e.at')
        .orderBy('e.redemption_id')
        .orderBy('e.seq')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ redemptionId: r.redemption_id, seq: r.seq, channel: r.channel }));
    },

    async skipChannel(channel, at) {
      const result = await db
        .updateTable('redemption_events')
        .set({ dispatched_at: at.getTime() })
        .where('dispatched_at', 'is', null)
        .where('redemption_id', 'in', (eb) =>
          eb.selectFrom('redemptions').select('id').where('channel', '=', channel),
        )
        .executeTakeFirst();
      return affected(result.numUpdatedRows);
    },

    async claimDispatch(ref, at) {
      const result = await db
        .updateTable('redemption_events')
        .set({ dispatched_at: at.getTime() })
        .where('redemption_id', '=', ref.redemptionId)
        .where('seq', '=', ref.seq)
        .where('dispatched_at', 'is', null)
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },
  };
}
