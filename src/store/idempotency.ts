import { randomBytes } from 'node:crypto';
import type { ClaimResult, IdempotencyRepo } from '../core/ports/store';
import { affected, type Executor, toFlag } from './util';

/** A claim that keeps losing races (row purged or released between our statements) gives up as in-use. */
const MAX_ROUNDS = 5;

export function idempotencyRepo(db: Executor): IdempotencyRepo {
  return {
    async claim({ scope, key, fingerprint, now, leaseMs }): Promise<ClaimResult> {
      const nowMs = now.getTime();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const owner = randomBytes(16).toString('base64url');
        // One statement inserts the key or takes over an expired/released lease, so among racers
        // (in-process or across processes) exactly one gets a row back.
        const won = await db
          .insertInto('idempotency_keys')
          .values({
            scope,
            idem_key: key,
            fingerprint,
            status: 'running',
            owner,
            // bigint refuses fractions; round up so a lease is never shorter than asked.
            lease_expires_at: nowMs + Math.ceil(leaseMs),
            attempt: 1,
            outcome_ok: null,
            outcome_body: null,
            created_at: nowMs,
            completed_at: null,
          })
          .onConflict((oc) =>
            oc
              .columns(['scope', 'idem_key'])
              .doUpdateSet((eb) => ({
                owner: eb.ref('excluded.owner'),
                lease_expires_at: eb.ref('excluded.lease_expires_at'),
                attempt: eb('idempotency_keys.attempt', '+', 1),
              }))
              .where((eb) =>
                eb.and([
                  eb('idempotency_keys.fingerprint', '=', fingerprint),
                  eb('idempotency_keys.status', '=', 'running'),
                  eb.or([
                    eb('idempotency_keys.lease_expires_at', 'is', null),
                    eb('idempotency_keys.lease_expires_at', '<=', nowMs),
                  ]),
                ]),
              ),
          )
          .returning(['attempt'])
          .executeTakeFirst();
        if (won) return { kind: 'acquired', claim: { scope, key, owner, resumed: won.attempt > 1 } };

        const row = await db
          .selectFrom('idempotency_keys')
          .select(['fingerprint', 'status', 'lease_expires_at', 'outcome_ok', 'outcome_body'])
          .where('scope', '=', scope)
          .where('idem_key', '=', key)
          .executeTakeFirst();
        if (!row) continue;
        if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
        if (row.status === 'completed') {
          return { kind: 'completed', outcome: { ok: row.outcome_ok === 1, body: row.outcome_body ?? '' } };
        }
        if (row.lease_expires_at !== null && row.lease_expires_at > nowMs) {
          return { kind: 'in-use', retryAfterMs: Math.max(1, row.lease_expires_at - nowMs) };
        }
        // Released or expired after our upsert looked: go again.
      }
      return { kind: 'in-use', retryAfterMs: 1 };
    },

    async complete(claim, outcome, now) {
      const result = await db
        .updateTable('idempotency_keys')
        .set({
          status: 'completed',
          outcome_ok: toFlag(outcome.ok),
          outcome_body: outcome.body,
          completed_at: now.getTime(),
          owner: null,
          lease_expires_at: null,
        })
        .where('scope', '=', claim.scope)
        .where('idem_key', '=', claim.key)
        .where('owner', '=', claim.owner)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async release(claim) {
      // Clearing the owner too means the releasing attempt can no longer complete.
      await db
        .updateTable('idempotency_keys')
        .set({ owner: null, lease_expires_at: null })
        .where('scope', '=', claim.scope)
        .where('idem_key', '=', claim.key)
        .where('owner', '=', claim.owner)
        .where('status', '=', 'running')
        .execute();
    },

    async purgeCompletedBefore(before) {
      const result = await db
        .deleteFrom('idempotency_keys')
        .where('status', '=', 'completed')
        .where('created_at', '<', before.getTime())
        .executeTakeFirst();
      return affected(result.numDeletedRows);
    },
  };
}
