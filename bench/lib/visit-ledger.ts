import Database from 'better-sqlite3';
import type { AppClient } from './app-client';
import { settled, totalBalance } from './ledger';
import { type RequestPlan, VARIANT_DAY } from './plan';

/** What the app answers, counted in the 2xx bodies by the load worker. */
export const OUTCOMES = {
  issued: '"outcome":"token_issued"',
  capped: '"outcome":"daily_cap_reached"',
  duplicate: '"duplicate":true',
};

export const visit = (memberId: string, at: string) =>
  JSON.stringify({
    type: 'gym.visit',
    timestamp: at,
    data: { memberId, visitedAt: at, locationId: 'bench' },
  });

/** One signed `gym.visit` per request, members round-robin; by default each visit of a member on a new day. */
export const visitPlan = (
  path: string,
  secret: string,
  memberIds: string[],
  at = VARIANT_DAY,
  firstDay = 0,
): RequestPlan => ({
  method: 'POST',
  path,
  firstDay,
  variants: memberIds.map((id) => ({ headers: { 'content-type': 'application/json' }, body: visit(id, at) })),
  sign: { scheme: 'standard-webhooks', secret },
  tally: OUTCOMES,
});

export interface VisitLedger {
  /** Tokens on the members' pools (they start with none). */
  credited: number;
  /** The app's visit records of these members, and those whose token Wix confirmed. */
  records: number;
  given: number;
}

/**
 * The visit ledger of members `<prefix>-…`: their balances on the local Wix, and the app's visit records read
 * from its store file, read-only beside the app's own connection (WAL; the app may run in another process).
 */
export function visitLedgers(app: AppClient, storeFile: string) {
  const db = new Database(storeFile, { readonly: true, fileMustExist: true });
  const count = db.prepare<[string], { records: number; given: number }>(
    'SELECT count(*) AS records, count(transaction_id) AS given FROM visit_credits WHERE member_id LIKE ?',
  );
  return {
    /** `settle` false: one read, for when nothing is in flight. */
    read: (prefix: string, members: Map<string, string>, settle = true): Promise<VisitLedger> => {
      const read = async () => ({
        credited: await totalBalance(app, members),
        ...(count.get(`${prefix}-%`) ?? { records: 0, given: 0 }),
      });
      return settle ? settled(read) : read();
    },
    close: () => db.close(),
  };
}

/** What changed between two reads of a ledger (members reused from an earlier suite start from where it left). */
export const visitDelta = (before: VisitLedger, after: VisitLedger): VisitLedger => ({
  credited: after.credited - before.credited,
  records: after.records - before.records,
  given: after.given - before.given,
});

/** Every 2xx answered `expected`, none a duplicate. */
export function checkOutcomes(ok: number, tally: Record<string, number>, expected: keyof typeof OUTCOMES) {
  if (tally.duplicate) throw new Error(`${tally.duplicate} of ${ok} 2xx answered duplicate`);
  const got = tally[expected] ?? 0;
  if (got !== ok) throw new Error(`${ok - got} of ${ok} 2xx did not answer ${expected}`);
}

/** New (member, day) visits: one token, one confirmed record per 2xx (+ requests cut off at the end). */
export function checkIssued(
  l: VisitLedger,
  ok: number,
  tally: Record<string, number>,
  slack: number,
): string {
  checkOutcomes(ok, tally, 'issued');
  if (l.records !== l.credited || l.given !== l.credited) {
    throw new Error(`${l.credited} tokens, ${l.records} visit records (${l.given} confirmed)`);
  }
  if (l.credited < ok || l.credited > ok + slack)
    throw new Error(`${l.credited} tokens for ${ok} token_issued`);
  return `ledger ok: ${l.credited} tokens = visit records, all 2xx token_issued, no duplicates`;
}

/** The naive visit flow keeps no record: one token per 2xx (+ requests cut off at the end). */
export function checkNaiveCredits(l: VisitLedger, ok: number, slack: number): string {
  if (l.credited < ok || l.credited > ok + slack) throw new Error(`${l.credited} tokens for ${ok} 2xx`);
  return `ledger ok: ${l.credited} tokens`;
}
