import type { LockRepo } from '../core/ports/store';
import type { Executor } from './util';

export function lockRepo(db: Executor): LockRepo {
  return {
    async tryAcquire(name, owner, now, leaseMs) {
      const nowMs = now.getTime();
      // One upsert: insert, or take over only when expired or already ours (which extends the lease).
      // The conflicting row is locked while the WHERE is checked, so racers get exactly one winner.
      const row = await db
        .insertInto('locks')
        .values({ name, owner, expires_at: nowMs + Math.ceil(leaseMs) })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet((eb) => ({
              owner: eb.ref('excluded.owner'),
              expires_at: eb.ref('excluded.expires_at'),
            }))
            .where((eb) => eb.or([eb('locks.expires_at', '<=', nowMs), eb('locks.owner', '=', owner)])),
        )
        .returning('name')
        .executeTakeFirst();
      return row !== undefined;
    },

    async release(name, owner) {
      await db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
    },
  };
}
