import Database from 'better-sqlite3';
import { addWebhookSource } from '../src/core/integrations/webhook-sources';
import { signWebhook } from '../webhooks/sign';
import { seedMembers, settled, totalBalance } from './lib/ledger';
import { runLoad } from './lib/load';
import { type RequestPlan, VARIANT_DAY } from './lib/plan';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { naiveVisitFlow } from './naive-visit-flow';

const SOURCE = 'bench-gym';
const PATH = `/webhooks/${SOURCE}/gym-visits`;
const MEMBERS = 200;
const RESCANNED = 50;
const NAIVE = 'gym visits, naive seed flow';
/** The re-scanned members' day: setup gives each its one token of that day, so the load only meets the cap. */
const SCANNED_DAY = '1999-12-31T12:00:00.000Z';
/** What the app answers, counted in the 2xx bodies by the load worker. */
const OUTCOMES = {
  issued: '"outcome":"token_issued"',
  capped: '"outcome":"daily_cap_reached"',
  duplicate: '"duplicate":true',
};

const visit = (memberId: string, at: string) =>
  JSON.stringify({
    type: 'gym.visit',
    timestamp: at,
    data: { memberId, visitedAt: at, locationId: 'bench' },
  });

/** One signed `gym.visit` per request, members round-robin; by default each visit of a member on a new day. */
const visitPlan = (path: string, secret: string, memberIds: string[], at = VARIANT_DAY): RequestPlan => ({
  method: 'POST',
  path,
  variants: memberIds.map((id) => ({ headers: { 'content-type': 'application/json' }, body: visit(id, at) })),
  sign: { scheme: 'standard-webhooks', secret },
  tally: OUTCOMES,
});

interface VisitLedger {
  /** Tokens on the members' pools (they start with none). */
  credited: number;
  /** The app's visit records of these members, and those whose token Wix confirmed. */
  records: number;
  given: number;
}

/**
 * Issue 5: partner gym-visit webhooks under load — each a new (member, day), or a door re-scan on a day the
 * member already got its token.
 */
export const gymVisitSuite: Suite = {
  name: 'gym visits',
  async setup({ app, options }) {
    const slack = 2 * options.connections;
    const { secret } = await addWebhookSource(app.running.deps, { name: SOURCE });
    const distinct = await seedMembers(app, 'bench-visit', MEMBERS, 0);
    const naive = await seedMembers(app, 'bench-vnaive', MEMBERS, 0);
    const door = await seedMembers(app, 'bench-door', RESCANNED, 0);
    const warm = await seedMembers(app, 'bench-vwarm', 10, 0);
    for (const memberId of door.keys()) {
      const signed = signWebhook(secret, `msg_scan-${memberId}`, visit(memberId, SCANNED_DAY));
      const res = await app.running.app.request(PATH, { method: 'POST', ...signed });
      const text = await res.text();
      if (!text.includes(OUTCOMES.issued))
        throw new Error(`first scan of ${memberId}: ${res.status} ${text}`);
    }
    // Read-only beside the app's own connection (WAL): the visit records the app wrote.
    const db = new Database(app.storeFile, { readonly: true, fileMustExist: true });
    const count = db.prepare<[string], { records: number; given: number }>(
      'SELECT count(*) AS records, count(transaction_id) AS given FROM visit_credits WHERE member_id LIKE ?',
    );
    const ledger = (prefix: string, members: Map<string, string>): Promise<VisitLedger> =>
      settled(async () => ({
        credited: await totalBalance(app, members),
        ...(count.get(`${prefix}-%`) ?? { records: 0, given: 0 }),
      }));
    const naiveServer = await listen(naiveVisitFlow(app.running).fetch);

    // The process is warm from the suites before (the naive flow's SDK calls too), the webhook route is not:
    // warm it up on members of its own before any row, on top of each row's own warm-up.
    await runLoad({
      connections: options.connections,
      warmupSeconds: 0,
      durationSeconds: 2 * options.warmupSeconds,
      url: app.server.url,
      plan: visitPlan(PATH, secret, [...warm.keys()]),
    });

    const distinctOutcomes = (ok: number, tally: Record<string, number>, expected: keyof typeof OUTCOMES) => {
      if (tally.duplicate) throw new Error(`${tally.duplicate} of ${ok} 2xx answered duplicate`);
      const got = tally[expected] ?? 0;
      if (got !== ok) throw new Error(`${ok - got} of ${ok} 2xx did not answer ${expected}`);
    };

    const scenarios: Scenario[] = [
      {
        name: NAIVE,
        url: naiveServer.url,
        plan: visitPlan('/naive/gym-visits', secret, [...naive.keys()]),
        note: 'baseline 2: queryPools + changeBalance per visit, no verification/dedupe/cap/record',
        verify: async (ok) => {
          const { credited } = await ledger('bench-vnaive', naive);
          if (credited < ok || credited > ok + slack) throw new Error(`${credited} tokens for ${ok} 2xx`);
          return `ledger ok: ${credited} tokens`;
        },
      },
      {
        name: 'gym visits, distinct members',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...distinct.keys()]),
        note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
        versus: NAIVE,
        verify: async (ok, tally) => {
          distinctOutcomes(ok, tally, 'issued');
          const { credited, records, given } = await ledger('bench-visit', distinct);
          if (records !== credited || given !== credited) {
            throw new Error(`${credited} tokens, ${records} visit records (${given} confirmed)`);
          }
          if (credited < ok || credited > ok + slack)
            throw new Error(`${credited} tokens for ${ok} token_issued`);
          return `ledger ok: ${credited} tokens = visit records, all 2xx token_issued, no duplicates`;
        },
      },
      {
        name: 'gym visits, door re-scans (daily cap)',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...door.keys()], SCANNED_DAY),
        note: `${RESCANNED} members re-scanned on a day already credited, unique ids`,
        versus: NAIVE,
        verify: async (ok, tally) => {
          distinctOutcomes(ok, tally, 'capped');
          const { credited, records, given } = await ledger('bench-door', door);
          if (credited !== RESCANNED || records !== RESCANNED || given !== RESCANNED) {
            throw new Error(
              `${credited} tokens, ${records} visit records (${given} confirmed), not ${RESCANNED}`,
            );
          }
          return `ledger ok: still ${RESCANNED} tokens = visit records, all 2xx daily_cap_reached`;
        },
      },
    ];
    return {
      scenarios,
      close: async () => {
        db.close();
        await naiveServer.close();
      },
    };
  },
};
