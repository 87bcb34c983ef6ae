import { addWebhookSource } from '../src/core/integrations/webhook-sources';
import type { BenchApp } from './lib/app';
import { seedMembers } from './lib/ledger';
import { UNIQUE } from './lib/plan';
import { checkDebits, naiveRedeemPlan, redeemLedger, redeemPlan, TOKENS } from './lib/redeem-ledger';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { p99AtMost, timesVersus } from './lib/targets';
import {
  checkIssued,
  checkNaiveCredits,
  type VisitLedger,
  visitDelta,
  visitLedgers,
  visitPlan,
} from './lib/visit-ledger';
import { naiveSeedFlow } from './naive-seed-flow';
import { naiveVisitFlow } from './naive-visit-flow';

const SOURCE = 'bench-gym-latency';
const PATH = `/webhooks/${SOURCE}/gym-visits`;
/** The members the zero-latency suites seeded (200 each)… */
const SEEDED = 200;
/** …of which the first 100 take part: twice the connections, so a member rarely waits on itself. */
const MEMBERS = 100;
/** Visits from day 1000 on (2002-09-27): the zero-latency rows used the first days of 2000 for these members. */
const FIRST_DAY = 1000;
const NAIVE_REDEEM = 'naive seed flow, Wix latency';
const NAIVE_VISITS = 'gym visits, naive seed flow, Wix latency';

const firstOf = (members: Map<string, string>) => new Map([...members].slice(0, MEMBERS));

/**
 * Reads a ledger with the delay off (it reads every member: at 80 ms a call that would take a minute), once
 * the calls still waiting when the load stopped have had time to land; then turns the delay back on.
 */
async function withoutDelay<T>(app: BenchApp, read: () => Promise<T>): Promise<T> {
  const latency = app.emulator.latency.get();
  app.emulator.latency.set(null);
  try {
    const longest = (latency?.meanMs ?? 0) + (latency?.jitterMs ?? 0);
    await new Promise((resolve) => setTimeout(resolve, longest + 100));
    return await read();
  } finally {
    app.emulator.latency.set(latency);
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
 * (OAuth included), many connections, ours against the naive flows under the same delay. The members are
 * those of the zero-latency suites; each row's checks count what changed during the row.
 */
export const wixLatencySuite: Suite = {
  name: 'Wix latency',
  async setup({ app, options }) {
    const { wixLatency: latency, latencyConnections: connections } = options;
    const slack = 2 * connections;
    const { secret } = await addWebhookSource(app.running.deps, { name: SOURCE });
    const redeemers = firstOf(await seedMembers(app, 'bench-rdm', SEEDED, TOKENS));
    const naiveRedeemers = firstOf(await seedMembers(app, 'bench-naive', SEEDED, TOKENS));
    const visitors = firstOf(await seedMembers(app, 'bench-visit', SEEDED, 0));
    const naiveVisitors = firstOf(await seedMembers(app, 'bench-vnaive', SEEDED, 0));
    const ledgers = visitLedgers(app, app.storeFile);
    const naiveRedeem = await listen(naiveSeedFlow(app.running).fetch);
    const naiveVisits = await listen(naiveVisitFlow(app.running).fetch);
    const debits = (members: Map<string, string>) =>
      deltaOf((settle) => withoutDelay(app, () => redeemLedger(app, members, settle)), debitDelta);
    const visits = (prefix: string, members: Map<string, string>) =>
      deltaOf<VisitLedger>(
        (settle) => withoutDelay(app, () => ledgers.read(prefix, members, settle)),
        visitDelta,
      );
    const naiveDebits = debits(naiveRedeemers);
    const ourDebits = debits(redeemers);
    const naiveCredits = visits('bench-vnaive', naiveVisitors);
    const ourCredits = visits('bench-visit', visitors);
    // Seeded at full speed; from here every Wix call waits.
    app.emulator.latency.set(latency);

    const row = { baseline: 'none' as const, connections };
    const ours = [timesVersus(2), p99AtMost(3 * latency.meanMs, '3× mean Wix delay')];
    const scenarios: Scenario[] = [
      {
        ...row,
        name: NAIVE_REDEEM,
        url: naiveRedeem.url,
        plan: naiveRedeemPlan([...naiveRedeemers.keys()]),
        note: '3 Wix calls in a row (pools, items, redeemBenefit)',
        before: naiveDebits.before,
        verify: async (ok) => checkDebits((await naiveDebits.delta()).debits, null, ok, slack),
      },
      {
        ...row,
        name: 'redeem, distinct members, Wix latency',
        url: app.server.url,
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
        url: naiveVisits.url,
        plan: visitPlan('/naive/gym-visits', secret, [...naiveVisitors.keys()], undefined, FIRST_DAY),
        note: '2 Wix calls in a row (queryPools, changeBalance)',
        before: naiveCredits.before,
        verify: async (ok) => checkNaiveCredits(await naiveCredits.delta(), ok, slack),
      },
      {
        ...row,
        name: 'gym visits, distinct members, Wix latency',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...visitors.keys()], undefined, FIRST_DAY),
        note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
        versus: NAIVE_VISITS,
        targets: ours,
        before: ourCredits.before,
        verify: async (ok, tally) => checkIssued(await ourCredits.delta(), ok, tally, slack),
      },
    ];
    return {
      scenarios,
      header: `Wix latency: the local Wix waits ${latency.meanMs} ± ${latency.jitterMs} ms (uniform) before every Wix REST call, OAuth token and token-info included; ${connections} connections; the members of the rows above; no bare-Hono baseline (the yardstick is the naive flow under the same delay); p99 target ≤ ${3 * latency.meanMs} ms = 3 × the mean delay`,
      close: async () => {
        app.emulator.latency.set(null);
        ledgers.close();
        await naiveRedeem.close();
        await naiveVisits.close();
      },
    };
  },
};
