import type { LeaseClaim, LeaseRef, LeaseRepo } from '../core/ports/leases';
import { affected, type Executor } from './util';

/** A claim that keeps losing races (released between our statements) reports held. */
const MAX_ROUNDS = 5;

export function leaseRepo(db: Executor): LeaseRepo {
  const mine = (lease: LeaseRef) =>
    db
      .updateTable('leases')
      .where('name', '=', lease.name)
      .where('owner', '=', lease.owner)
      .where('fence', '=', lease.fence);

  return {
    async claim(name, owner, now, leaseMs): Promise<LeaseClaim> {
      const nowMs = now.getTime();
      // bigint refuses fractions; round up so a lease is never shorter than asked.
      const expiresAt = nowMs + Math.ceil(leaseMs);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        // One statement inserts the lease or takes over a released/expired one: the conflicting row is
        // locked while the WHERE is checked, so among racers (any process) exactly one gets a row back.
        const won = await db
          .insertInto('leases')
          .values({ name, owner, fence: 1, expires_at: expiresAt, wix_call_at: null })
          .onConflict((oc) =>
            oc
              .column('name')
              .doUpdateSet((eb) => ({
                owner: eb.ref('excluded.owner'),
                expires_at: eb.ref('excluded.expires_at'),
                fence: eb('leases.fence', '+', 1),
              }))
              .where((eb) => eb.or([eb('leases.owner', 'is', null), eb('leases.expires_at', '<=', nowMs)])),
          )
          .returning(['fence', 'wix_call_at'])
          .executeTakeFirst();
        if (won) {
          // A call of a holder that lost the lease without releasing it may still be in flight. The update
          // leaves wix_call_at as it was; a new row, a released lease (release clears it) and an ended one
          // (deleted) have none, so what comes back is exactly the unreleased holder's last call.
          return {
            kind: 'acquired',
            fence: won.fence,
            priorWixCallAt: won.wix_call_at === null ? null : new Date(won.wix_call_at),
          };
        }
        const row = await db
          .selectFrom('leases')
          .select(['owner', 'expires_at'])
          .where('name', '=', name)
          .executeTakeFirst();
        if (row?.owner && row.expires_at !== null && row.expires_at > nowMs) {
          return { kind: 'held', retryAfterMs: Math.max(1, row.expires_at - nowMs) };
        }
        // Released, expired or ended after our upsert looked: go again.
      }
      return { kind: 'held', retryAfterMs: 1 };
    },

    async renew(lease, now, leaseMs) {
      const result = await mine(lease)
        .set({ expires_at: now.getTime() + Math.ceil(leaseMs) })
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async markWixCall(lease, now, leaseMs) {
      const result = await mine(lease)
        .set({ wix_call_at: now.getTime(), expires_at: now.getTime() + Math.ceil(leaseMs) })
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async holds(lease) {
      // A no-op write rather than a read: on PostgreSQL it row-locks the lease until the transaction ends,
      // so no takeover can slip between this check and the commit it guards.
      const result = await mine(lease)
        .set((eb) => ({ fence: eb.ref('fence') }))
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async release(lease) {
      const result = await mine(lease)
        .set({ owner: null, expires_at: null, wix_call_at: null })
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
    },

    async end(lease) {
      const result = await db
        .deleteFrom('leases')
        .where('name', '=', lease.name)
        .where('owner', '=', lease.owner)
        .where('fence', '=', lease.fence)
        .executeTakeFirst();
      return affected(result.numDeletedRows) > 0;
    },
  };
}
