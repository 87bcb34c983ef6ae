import type { LeaseClaim, LeaseRef, LeaseRepo } from '../core/ports/leases';
import { compiledOnce } from './compiled';
import { affected, type Executor } from './util';

type Ref = { name: string; owner: string; fence: number };

// Every lease statement runs on every claim, heartbeat and release: compiled once (compiled.ts).
const claimLease = compiledOnce((db, v: { name: string; owner: string; expiresAt: number; nowMs: number }) =>
  db
    .insertInto('leases')
    .values({ name: v.name, owner: v.owner, fence: 1, expires_at: v.expiresAt, wix_call_at: null })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet((eb) => ({
          owner: eb.ref('excluded.owner'),
          expires_at: eb.ref('excluded.expires_at'),
          fence: eb('leases.fence', '+', 1),
        }))
        .where((eb) => eb.or([eb('leases.owner', 'is', null), eb('leases.expires_at', '<=', v.nowMs)])),
    )
    .returning(['fence', 'wix_call_at']),
);

const selectHolder = compiledOnce((db, v: { name: string }) =>
  db.selectFrom('leases').select(['owner', 'expires_at']).where('name', '=', v.name),
);

const mine = (db: Executor, v: Ref) =>
  db
    .updateTable('leases')
    .where('name', '=', v.name)
    .where('owner', '=', v.owner)
    .where('fence', '=', v.fence);

const renewLease = compiledOnce((db, v: Ref & { expiresAt: number }) =>
  mine(db, v).set({ expires_at: v.expiresAt }),
);

const markCall = compiledOnce((db, v: Ref & { at: number; expiresAt: number }) =>
  mine(db, v).set({ wix_call_at: v.at, expires_at: v.expiresAt }),
);

// A no-op write rather than a read: on PostgreSQL it row-locks the lease until the transaction ends,
// so no takeover can slip between this check and the commit it guards.
const touchLease = compiledOnce((db, v: Ref) => mine(db, v).set((eb) => ({ fence: eb.ref('fence') })));

const releaseLease = compiledOnce((db, v: Ref) =>
  mine(db, v).set({ owner: null, expires_at: null, wix_call_at: null }),
);

const endLease = compiledOnce((db, v: Ref) =>
  db
    .deleteFrom('leases')
    .where('name', '=', v.name)
    .where('owner', '=', v.owner)
    .where('fence', '=', v.fence),
);

const ref = ({ name, owner, fence }: LeaseRef): Ref => ({ name, owner, fence });

/** A claim that keeps losing races (released between our statements) reports held. */
const MAX_ROUNDS = 5;

export function leaseRepo(db: Executor): LeaseRepo {
  return {
    async claim(name, owner, now, leaseMs): Promise<LeaseClaim> {
      const nowMs = now.getTime();
      // bigint refuses fractions; round up so a lease is never shorter than asked.
      const expiresAt = nowMs + Math.ceil(leaseMs);
      for (let round = 0; round < MAX_ROUNDS; round++) {
        // One statement inserts the lease or takes over a released/expired one: the conflicting row is
        // locked while the WHERE is checked, so among racers (any process) exactly one gets a row back.
        const [won] = (await claimLease(db, { name, owner, expiresAt, nowMs })).rows;
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
        const [row] = (await selectHolder(db, { name })).rows;
        if (row?.owner && row.expires_at !== null && row.expires_at > nowMs) {
          return { kind: 'held', retryAfterMs: Math.max(1, row.expires_at - nowMs) };
        }
        // Released, expired or ended after our upsert looked: go again.
      }
      return { kind: 'held', retryAfterMs: 1 };
    },

    async renew(lease, now, leaseMs) {
      const result = await renewLease(db, { ...ref(lease), expiresAt: now.getTime() + Math.ceil(leaseMs) });
      return affected(result.numAffectedRows) > 0;
    },

    async markWixCall(lease, now, leaseMs) {
      const at = now.getTime();
      const result = await markCall(db, { ...ref(lease), at, expiresAt: at + Math.ceil(leaseMs) });
      return affected(result.numAffectedRows) > 0;
    },

    async holds(lease) {
      return affected((await touchLease(db, ref(lease))).numAffectedRows) > 0;
    },

    async release(lease) {
      return affected((await releaseLease(db, ref(lease))).numAffectedRows) > 0;
    },

    async end(lease) {
      return affected((await endLease(db, ref(lease))).numAffectedRows) > 0;
    },
  };
}
