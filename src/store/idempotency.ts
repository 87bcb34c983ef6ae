import type { IdempotencyRepo, KeyRequest, KeyState } from '../core/ports/store';
import { affected, type Executor, toFlag } from './util';

export function idempotencyRepo(db: Executor): IdempotencyRepo {
  const read = async ({ scope, key, fingerprint }: KeyRequest): Promise<KeyState> => {
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['fingerprint', 'status', 'outcome_ok', 'outcome_body'])
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .executeTakeFirst();
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
      const inserted = await db
        .insertInto('idempotency_keys')
        .values({
          scope,
          idem_key: key,
          fingerprint,
          status: 'running',
          outcome_ok: null,
          outcome_body: null,
          created_at: now.getTime(),
          completed_at: null,
        })
        .onConflict((oc) => oc.columns(['scope', 'idem_key']).doNothing())
        .executeTakeFirst();
      // A new key is ours as written: no need to read it back.
      if (affected(inserted.numInsertedOrUpdatedRows) > 0) return { kind: 'running' };
      return read(request);
    },

    async complete(scope, key, outcome, now) {
      const result = await db
        .updateTable('idempotency_keys')
        .set({
          status: 'completed',
          outcome_ok: toFlag(outcome.ok),
          outcome_body: outcome.body,
          completed_at: now.getTime(),
        })
        .where('scope', '=', scope)
        .where('idem_key', '=', key)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return affected(result.numUpdatedRows) > 0;
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
