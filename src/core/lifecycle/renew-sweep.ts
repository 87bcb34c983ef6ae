import type { CoreDeps } from '../deps';
import { deterministicUuid } from '../ids';
import { claimLease, type LeaseDeps } from '../lease';
import type { Enrollment } from '../ports/store';
import { addMonths, cyclesElapsed } from './months';

/** The program's life (program config `lifecycle`). */
export interface LifecycleRules {
  renewEveryMonths: number;
  endAfterMonths: number;
}

/** The sweep needs no member-facing parts: a CLI can run it with just these. */
export type SweepDeps = Pick<CoreDeps, 'store' | 'benefits' | 'clock' | 'log'> & {
  settings: LeaseDeps['settings'];
};

export interface SweepReport {
  checked: number;
  renewed: number;
  ended: number;
  /** Enrollments whose renewal failed this time (Wix down, say); the next sweep tries again. */
  failed: number;
  /** True when another sweep held the lock: this one did nothing. */
  skipped: boolean;
}

const PAGE = 100;
const LOCK = 'renew-sweep';
/** Renewed while the sweep runs; a sweep that died is taken over this long after. */
const LOCK_LEASE_MS = 2 * 60_000;

/**
 * Seed step 4's schedule, idempotent: every enrolled member's program renews once per cycle from their
 * enrollment date (unused tokens roll over as the pool definition says) and ends when the program's year is
 * over. Each renewal's Wix key is (program, cycle number), so a sweep run twice — or by two processes —
 * renews once; missed cycles are caught up in order.
 */
export async function renewSweep(deps: SweepDeps, rules: LifecycleRules): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, renewed: 0, ended: 0, failed: 0, skipped: false };
  const claimed = await claimLease(deps, LOCK, { leaseMs: LOCK_LEASE_MS });
  if (claimed.kind === 'held') return { ...report, skipped: true };
  try {
    let after: string | null = null;
    for (;;) {
      const page = await deps.store.enrollments.listActive(PAGE, after);
      for (const enrollment of page) {
        report.checked++;
        try {
          const done = await sweepOne(deps, rules, enrollment);
          report.renewed += done.renewed;
          if (done.ended) report.ended++;
        } catch (err) {
          if (await endedElsewhere(deps, enrollment)) report.ended++;
          else {
            report.failed++;
            deps.log.warn({ err, memberId: enrollment.memberId }, 'renewal failed; the next sweep retries');
          }
        }
      }
      if (page.length < PAGE) break;
      after = page.at(-1)?.memberId ?? null;
    }
  } finally {
    await claimed.lease.release();
  }
  if (report.renewed || report.ended || report.failed) deps.log.info({ ...report }, 'renew sweep');
  return report;
}

async function sweepOne(
  deps: SweepDeps,
  rules: LifecycleRules,
  enrollment: Enrollment,
): Promise<{ renewed: number; ended: boolean }> {
  const now = deps.clock.now();
  const start = new Date(enrollment.enrolledAt);
  // Cycles that start before the end; the boundary at the end is the end, not a renewal.
  const lastCycle = Math.ceil(rules.endAfterMonths / rules.renewEveryMonths) - 1;
  const due = Math.min(cyclesElapsed(start, now, rules.renewEveryMonths), lastCycle);
  let renewed = 0;
  let current = enrollment;
  for (let cycle = current.cyclesRenewed + 1; cycle <= due; cycle++) {
    await deps.benefits.renewProgram(
      current.programId,
      deterministicUuid('renew', current.programId, String(cycle)),
    );
    current = { ...current, cyclesRenewed: cycle };
    await deps.store.enrollments.upsert(current);
    renewed++;
  }
  if (now.getTime() < addMonths(start, rules.endAfterMonths).getTime()) return { renewed, ended: false };
  const program = await deps.benefits.getProgram(current.programId);
  if (program && program.status !== 'ENDED') await deps.benefits.endProgram(current.programId);
  await deps.store.enrollments.upsert({ ...current, status: 'ENDED' });
  return { renewed, ended: true };
}

/** A program someone ended in Wix (staff, another app) cannot renew: the enrollment follows it. */
async function endedElsewhere(deps: SweepDeps, enrollment: Enrollment): Promise<boolean> {
  const program = await deps.benefits.getProgram(enrollment.programId).catch(() => undefined);
  if (program?.status !== 'ENDED') return false;
  const latest = (await deps.store.enrollments.get(enrollment.memberId)) ?? enrollment;
  await deps.store.enrollments.upsert({ ...latest, status: 'ENDED' });
  return true;
}
