import type { Selectable } from 'kysely';
import type { Enrollment, EnrollmentRepo } from '../core/ports/store';
import { compiledOnce } from './compiled';
import type { ProgramEnrollmentsTable } from './schema';
import { type Executor, toIso, toMs } from './util';

// Read on every gym visit and order credit for the cached pool id: compiled once (compiled.ts).
const selectEnrollment = compiledOnce((db, v: { memberId: string }) =>
  db.selectFrom('program_enrollments').selectAll().where('member_id', '=', v.memberId),
);

function fromRow(row: Selectable<ProgramEnrollmentsTable>): Enrollment {
  return {
    memberId: row.member_id,
    programDefinitionId: row.program_definition_id,
    programId: row.program_id,
    poolId: row.pool_id,
    loyaltyAccountId: row.loyalty_account_id,
    enrolledAt: toIso(row.enrolled_at),
    status: row.status as Enrollment['status'],
    cyclesRenewed: row.cycles_renewed,
  };
}

export function enrollmentRepo(db: Executor): EnrollmentRepo {
  return {
    async upsert(enrollment) {
      const values = {
        member_id: enrollment.memberId,
        program_definition_id: enrollment.programDefinitionId,
        program_id: enrollment.programId,
        pool_id: enrollment.poolId,
        loyalty_account_id: enrollment.loyaltyAccountId,
        enrolled_at: toMs(enrollment.enrolledAt),
        status: enrollment.status,
        cycles_renewed: enrollment.cyclesRenewed,
      };
      const { member_id: _, ...update } = values;
      await db
        .insertInto('program_enrollments')
        .values(values)
        .onConflict((oc) => oc.column('member_id').doUpdateSet(update))
        .execute();
    },

    async get(memberId) {
      const [row] = (await selectEnrollment(db, { memberId })).rows;
      return row && fromRow(row);
    },

    /** Keyset by memberId ascending; pass the last memberId of a page to get the next. */
    async listActive(limit, afterMemberId) {
      let query = db.selectFrom('program_enrollments').selectAll().where('status', '=', 'ACTIVE');
      if (afterMemberId) query = query.where('member_id', '>', afterMemberId);
      const rows = await query
        .orderBy('member_id')
        .limit(Math.max(1, Math.trunc(limit)))
        .execute();
      return rows.map(fromRow);
    },
  };
}
