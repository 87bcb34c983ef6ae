import type { WixLatency } from '../src/emulator/latency';
import { seedMembers } from './lib/ledger';
import type { BenchOptions } from './lib/options';
import { UNIQUE } from './lib/plan';
import { NAIVE_VISIT_PATH, type Processes, processSuite, VISIT_PATH, warmUp } from './lib/processes';
import { checkDebits, naiveRedeemPlan, redeemLedger, redeemPlan, TOKENS } from './lib/redeem-ledger';
import type { Scenario, Suite, SuiteRun } from './lib/scenario';
import { p99AtMost, timesVersus } from './lib/targets';
import {
  checkIssued,
  checkNaiveCredits,
  type VisitLedger,
  visitDelta,
  visitLedgers,
  visitPlan,
} from './lib/visit-ledger';

/** Twice the connections: a member rarely waits on itself. */
const MEMBERS = 100;
const NAIVE_REDEEM = 'naive seed flow, Wix latency';
const NAIVE_VISITS = 'gym visits, naive seed flow, Wix latency';

/**
 * Reads a ledger with the delay off (it reads every member: at 80 ms a call that would take a minute), once
 * the calls still waiting when the load stopped have had time to land; then turns the delay back on.
 */
async function withoutDelay<T>(
  processes: Processes,
  latency: WixLatency,
  read: () => Promise<T>,
): Promise<T> {
  await processes.setLatency(null);
  try {
    await new Promise((resolve) => setTimeout(resolve, latency.meanMs + latency.jitterMs + 100));
    return await read();
  } finally {
    await processes.setLatency(latency);
  }
}

/**
 * A ledger read before and after a row: its checks see only what the row did. Before a row nothing is in
 * flight (the row before was checked once settled): one read is enough.
 */
function deltaOf<T>(read: (settle: boolean) => Promise<T>, minus: (before: T, after: T) => T) {
  let start: T | undefined;
  return {
    before: async () => {
      start = await read(false);
    },
    delta: async () => {
      const end = await read(true);
      if (start === undefined) throw new Error('the ledger was not read before the row');
      return minus(start, end);
    },
  };
}

type Debits = { debits: number; records: number };
const debitDelta = (a: Debits, b: Debits): Debits => ({
  debits: b.debits - a.debits,
  records: b.records - a.records,
});

/**
 * Both flows at real-world Wix latency — the local Wix waits like Wix's REST API before each call
 * (OAuth included), many connections, ours against the naive flows under the same delay. As at Wix, the local
 * Wix runs elsewhere: in a process of its own, the app and the naive flows in theirs (as the server-cost
 * suite runs them), so neither flow shares an event loop with Wix's own work. Each row's checks count what
 * changed during the row.
 */
export const wixLatencySuite: Suite = processSuite('Wix latency', latencyRows);

async function latencyRows(processes: Processes, options: BenchOptions): Promise<SuiteRun> {
  const { wixLatency: latency, latencyConnections: connections } = options;
  const { app, naive, client, secret } = processes;
  const slack = 2 * connections;
  const redeemers = await seedMembers(client, 'lat-rdm', MEMBERS, TOKENS);
  const naiveRedeemers = await seedMembers(client, 'lat-naive', MEMBERS, TOKENS);
  const visitors = await seedMembers(client, 'lat-visit', MEMBERS, 0);
  const naiveVisitors = await seedMembers(client, 'lat-vnaive', MEMBERS, 0);
  const ledgers = visitLedgers(client, processes.storeFile);
  const debits = (members: Map<string, string>) =>
    deltaOf(
      (settle) => withoutDelay(processes, latency, () => redeemLedger(client, members, settle)),
      debitDelta,
    );
  const visits = (prefix: string, members: Map<string, string>) =>
    deltaOf<VisitLedger>(
      (settle) => withoutDelay(processes, latency, () => ledgers.read(prefix, members, settle)),
      visitDelta,
    );
  const naiveDebits = debits(naiveRedeemers);
  const ourDebits = debits(redeemers);
  const naiveCredits = visits('lat-vnaive', naiveVisitors);
  const ourCredits = visits('lat-visit', visitors);
  // Warmed up and seeded at full speed; from here every Wix call waits.
  await warmUp(processes, connections, 2 * options.warmupSeconds);
  await processes.setLatency(latency);

  const row = { baseline: 'none' as const, connections };
  const ours = [timesVersus(2), p99AtMost(3 * latency.meanMs, '3× mean Wix delay')];
  const scenarios: Scenario[] = [
    {
      ...row,
      name: NAIVE_REDEEM,
      url: naive.url,
      plan: naiveRedeemPlan([...naiveRedeemers.keys()]),
      note: '3 Wix calls in a row (pools, items, redeemBenefit)',
      before: naiveDebits.before,
      verify: async (ok) => checkDebits((await naiveDebits.delta()).debits, null, ok, slack),
    },
    {
      ...row,
      name: 'redeem, distinct members, Wix latency',
      url: app.url,
      plan: redeemPlan([...redeemers.values()], UNIQUE),
      note: `${MEMBERS} members round-robin, unique keys`,
      versus: NAIVE_REDEEM,
      targets: ours,
      before: ourDebits.before,
      verify: async (ok) => {
        const { debits, records } = await ourDebits.delta();
        return checkDebits(debits, records, ok, slack);
      },
    },
    {
      ...row,
      name: NAIVE_VISITS,
      url: naive.url,
      plan: visitPlan(NAIVE_VISIT_PATH, secret, [...naiveVisitors.keys()]),
      note: '2 Wix calls in a row (queryPools, changeBalance)',
      before: naiveCredits.before,
      verify: async (ok) => checkNaiveCredits(await naiveCredits.delta(), ok, slack),
    },
    {
      ...row,
      name: 'gym visits, distinct members, Wix latency',
      url: app.url,
      plan: visitPlan(VISIT_PATH, secret, [...visitors.keys()]),
      note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
      versus: NAIVE_VISITS,
      targets: ours,
      before: ourCredits.before,
      verify: async (ok, tally) => checkIssued(await ourCredits.delta(), ok, tally, slack),
    },
  ];
  return {
    scenarios,
    header: `Wix latency: the local Wix (npm run emulator) in a process of its own waits ${latency.meanMs} ± ${latency.jitterMs} ms (uniform) before every Wix REST call, OAuth token and token-info included; the app and the naive flows each in a server process of their own (as in server cost); ${connections} connections; no bare-Hono baseline (the yardstick is the naive flow under the same delay); p99 target ≤ ${3 * latency.meanMs} ms = 3 × the mean delay`,
    close: async () => {
      ledgers.close();
      await processes.close();
    },
  };
}
