import type { ChallengeRepo, CustomerChallenge } from '../core/ports/challenges';
import { type Executor, toFlag, toIso, toMs, upsert } from './util';

/** PoS customer challenges, the per-integration setting, and the local sender's inbox. */
export function challengeRepo(db: Executor): ChallengeRepo {
  const byKey = (c: Pick<CustomerChallenge, 'integration' | 'memberId' | 'transactionId'>) =>
    db
      .updateTable('pos_challenges')
      .where('integration', '=', c.integration)
      .where('member_id', '=', c.memberId)
      .where('transaction_id', '=', c.transactionId);

  return {
    async shouldValidate(integration) {
      const row = await db
        .selectFrom('pos_settings')
        .select('should_validate_customer')
        .where('integration', '=', integration)
        .executeTakeFirst();
      return row?.should_validate_customer === 1;
    },

    async setShouldValidate(integration, on, now) {
      await upsert(
        db,
        'pos_settings',
        { integration },
        { should_validate_customer: toFlag(on), updated_at: now.getTime() },
      );
    },

    async save(c) {
      await upsert(
        db,
        'pos_challenges',
        { integration: c.integration, member_id: c.memberId, transaction_id: c.transactionId },
        {
          code_hash: c.codeHash,
          expires_at: toMs(c.expiresAt),
          attempts: c.attempts,
          validated_at: c.validatedAt === null ? null : toMs(c.validatedAt),
          created_at: toMs(c.createdAt),
        },
      );
    },

    async get(integration, memberId, transactionId) {
      const row = await db
        .selectFrom('pos_challenges')
        .selectAll()
        .where('integration', '=', integration)
        .where('member_id', '=', memberId)
        .where('transaction_id', '=', transactionId)
        .executeTakeFirst();
      return (
        row && {
          integration: row.integration,
          memberId: row.member_id,
          transactionId: row.transaction_id,
          codeHash: row.code_hash,
          expiresAt: toIso(Number(row.expires_at)),
          attempts: row.attempts,
          validatedAt: row.validated_at === null ? null : toIso(Number(row.validated_at)),
          createdAt: toIso(Number(row.created_at)),
        }
      );
    },

    async countAttempt(c) {
      const result = await byKey(c)
        .where('attempts', '=', c.attempts)
        .set({ attempts: c.attempts + 1 })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async markValidated(c, at) {
      await byKey(c).set({ validated_at: at.getTime() }).execute();
    },

    async lastValidated(integration, memberId) {
      const row = await db
        .selectFrom('pos_challenges')
        .select('validated_at')
        .where('integration', '=', integration)
        .where('member_id', '=', memberId)
        .where('validated_at', 'is not', null)
        .orderBy('validated_at', 'desc')
        .executeTakeFirst();
      return row?.validated_at == null ? undefined : toIso(Number(row.validated_at));
    },

    async keepLocalCode(code) {
      await db
        .insertInto('pos_local_codes')
        .values({
          integration: code.integration,
          member_id: code.memberId,
          customer: code.customer,
          code: code.code,
          expires_at: toMs(code.expiresAt),
          created_at: toMs(code.createdAt),
        })
        .execute();
    },

    async latestLocalCode(integration, customer) {
      let query = db.selectFrom('pos_local_codes').selectAll().where('integration', '=', integration);
      if (customer) query = query.where('customer', '=', customer);
      const row = await query.orderBy('created_at', 'desc').executeTakeFirst();
      return (
        row && {
          integration: row.integration,
          memberId: row.member_id,
          customer: row.customer,
          code: row.code,
          expiresAt: toIso(Number(row.expires_at)),
          createdAt: toIso(Number(row.created_at)),
        }
      );
    },
  };
}
