import type { IdempotencyRepo, KeyRequest, KeyState } from '../core/ports/store';
import { compiledOnce } from './compiled';
import { affected, type Executor, toFlag } from './util';

// The statements every idempotent request runs, compiled once (compiled.ts).
const selectKey = compiledOnce((db, v: { scope: string; key: string }) =>
  db
    .selectFrom('idempotency_keys')
    .select(['fingerprint', 'status', 'outcome_ok', 'outcome_body'])
    .where('scope', '=', v.scope)
    .where('idem_key', '=', v.key),
);

const insertKey = compiledOnce(
  (db, v: { scope: string; key: string; fingerprint: string; createdAt: number }) =>
    db
      .insertInto('idempotency_keys')
      .values({
        scope: v.scope,
        idem_key: v.key,
        fingerprint: v.fingerprint,
        status: 'running',
        outcome_ok: null,
        outcome_body: null,
        created_at: v.createdAt,
        completed_at: null,
      })
      .onConflict((oc) => oc.columns(['scope', 'idem_key']).doNothing()),
);

const completeKey = compiledOnce(
  (db, v: { scope: string; key: string; ok: number; body: string; completedAt: number }) =>
    db
      .updateTable('idempotency_keys')
      .set({ status: 'completed', outcome_ok: v.ok, outcome_body: v.body, completed_at: v.completedAt })
      .where('scope', '=', v.scope)
      .where('idem_key', '=', v.key)
      .where('status', '=', 'running'),
);

export function idempotencyRepo(db: Executor): IdempotencyRepo {
  const read = async ({ scope, key, fingerprint }: KeyRequest): Promise<KeyState> => {
    const [row] = (await selectKey(db, { scope, key })).rows;
    // Not there (purged meanwhile): it is new again.
    if (!row) return { kind: 'running' };
    if (row.fingerprint !== fingerprint) return { kind: 'mismatch' };
    if (row.status === 'completed') {
      return { kind: 'completed', outcome: { ok: row.outcome_ok === 1, body: row.outcome_body ?? '' } };
    }
    return { kind: 'running' };
  };

  return {
    read,
    async open(request): Promise<KeyState> {
      const { scope, key, fingerprint, now } = request;
      const inserted = await insertKey(db, { scope, key, fingerprint, createdAt: now.getTime() });
      // A new key is ours as written: no need to read it back.
      if (affected(inserted.numAffectedRows) > 0) return { kind: 'running' };
      return read(request);
    },

    async complete(scope, key, outcome, now) {
      const result = await completeKey(db, {
        scope,
        key,
        ok: toFlag(outcome.ok),
        body: outcome.body,
        completedAt: now.getTime(),
      });
      return affected(result.numAffectedRows) > 0;
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
