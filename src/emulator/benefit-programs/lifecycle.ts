import type { DocumentWriter } from '../document-store';
import { nextRevision, WixApiError } from '../wire';
import { applyChange, availableUnits, setPoolStatus } from './ledger';
import {
  C,
  type IdList,
  type Pool,
  type Program,
  type ProgramStatus,
  requireBalance,
  toUnits,
} from './shapes';

const transitions: Record<ProgramStatus, ProgramStatus[]> = {
  ACTIVE: ['PAUSED', 'ENDED'],
  PAUSED: ['ACTIVE', 'ENDED'],
  ENDED: [],
};

const transitionNotAllowed = (currentStatus: ProgramStatus, requestedStatus: ProgramStatus) =>
  new WixApiError(
    428,
    'PROGRAM_STATUS_TRANSITION_NOT_ALLOWED',
    `A ${currentStatus} program cannot become ${requestedStatus}`,
    { currentStatus, requestedStatus },
  );

function programPools(tx: DocumentWriter, programId: string): Pool[] {
  const ids = tx.get<IdList>(C.programPools, programId)?.ids ?? [];
  return ids.flatMap((id) => tx.get<Pool>(C.pools, id) ?? []);
}

/** Pause, resume or end: the program and all its pools move together. */
export function setProgramStatus(
  tx: DocumentWriter,
  program: Program,
  status: ProgramStatus,
  now: Date,
): void {
  if (!transitions[program.status].includes(status)) throw transitionNotAllowed(program.status, status);
  tx.put<Program>(C.programs, {
    ...program,
    status,
    revision: nextRevision(program.revision),
    updatedDate: now.toISOString(),
  });
  for (const pool of programPools(tx, program.id)) {
    if (pool.status !== 'ENDED') setPoolStatus(tx, pool, status, now);
  }
}

/**
 * A new cycle for every pool of the program: the balance becomes the credit amount, plus what is left over up to
 * the rollover cap when rollover is enabled (no cap: all of it).
 */
export function renewPools(tx: DocumentWriter, program: Program, now: Date, idempotencyKey: string): void {
  if (program.status === 'ENDED') throw transitionNotAllowed('ENDED', 'ACTIVE');
  for (const pool of programPools(tx, program.id)) {
    if (pool.status === 'ENDED') continue;
    const credit = pool.details.creditConfiguration;
    if (credit) {
      const balance = requireBalance(tx, pool.id);
      const remaining = availableUnits(balance);
      const rollover = credit.rolloverConfiguration;
      const cap =
        rollover.balanceCap === null || rollover.balanceCap === undefined
          ? remaining
          : toUnits(rollover.balanceCap, 'balanceCap');
      const kept = rollover.enabled === true ? Math.min(cap, remaining) : 0;
      const next = toUnits(credit.amount, 'creditConfiguration.amount') + kept;
      applyChange(tx, {
        pool,
        balance,
        deltaUnits: next - remaining,
        idempotencyKey,
        now,
        details: { reason: 'Renewal' },
      });
    }
    tx.put<Pool>(C.pools, {
      ...pool,
      renewalCount: pool.renewalCount + 1,
      revision: nextRevision(pool.revision),
      updatedDate: now.toISOString(),
    });
  }
}
