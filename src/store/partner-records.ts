import type {
  PartnerCreditRepo,
  RedemptionFeedback,
  RedemptionFeedbackRepo,
  TermsAcceptanceRepo,
} from '../core/ports/partner-records';
import { type Executor, toIso, toMs, upsert } from './util';

export function partnerCreditRepo(db: Executor): PartnerCreditRepo {
  return {
    async record(credit) {
      await db
        .insertInto('partner_credits')
        .values({
          integration: credit.integration,
          transaction_id: credit.transactionId,
          member_id: credit.memberId,
          amount: credit.amount,
          created_at: toMs(credit.createdAt),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async list(integration, range) {
      let query = db.selectFrom('partner_credits').selectAll().where('integration', '=', integration);
      if (range.from) query = query.where('created_at', '>=', toMs(range.from));
      if (range.to) query = query.where('created_at', '<', toMs(range.to));
      const rows = await query
        .orderBy('created_at')
        .orderBy('transaction_id')
        .limit(Math.max(1, Math.trunc(range.limit)))
        .execute();
      return rows.map((r) => ({
        integration: r.integration,
        transactionId: r.transaction_id,
        memberId: r.member_id,
        amount: Number(r.amount),
        createdAt: toIso(Number(r.created_at)),
      }));
    },
  };
}

export function redemptionFeedbackRepo(db: Executor): RedemptionFeedbackRepo {
  return {
    async save(feedback) {
      await upsert(
        db,
        'redemption_feedback',
        { redemption_id: feedback.redemptionId },
        { rating: feedback.rating, comment: feedback.comment, submitted_at: toMs(feedback.submittedAt) },
      );
    },

    async get(redemptionIds) {
      const found = new Map<string, RedemptionFeedback>();
      if (redemptionIds.length === 0) return found;
      const rows = await db
        .selectFrom('redemption_feedback')
        .selectAll()
        .where('redemption_id', 'in', [...redemptionIds])
        .execute();
      for (const r of rows) {
        found.set(r.redemption_id, {
          redemptionId: r.redemption_id,
          rating: r.rating,
          comment: r.comment,
          submittedAt: toIso(Number(r.submitted_at)),
        });
      }
      return found;
    },
  };
}

export function termsAcceptanceRepo(db: Executor): TermsAcceptanceRepo {
  return {
    async accept(integration, externalId, versions, at) {
      if (versions.length === 0) return;
      await db
        .insertInto('expys_terms_acceptances')
        .values(
          versions.map((version) => ({
            integration,
            external_id: externalId,
            version,
            accepted_at: toMs(at),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    async accepted(integration, externalId) {
      const rows = await db
        .selectFrom('expys_terms_acceptances')
        .select(['version', 'accepted_at'])
        .where('integration', '=', integration)
        .where('external_id', '=', externalId)
        .execute();
      return new Map(rows.map((r) => [r.version, toIso(Number(r.accepted_at))]));
    },
  };
}
