import { addWebhookSource } from '../src/core/integrations/webhook-sources';
import type { BenchApp } from './lib/app';
import { seedMembers } from './lib/ledger';
import { UNIQUE } from './lib/plan';
import { checkDebits, naiveRedeemPlan, redeemLedger, redeemPlan, TOKENS } from './lib/redeem-ledger';
import type { Scenario, Suite } from './lib/scenario';
import { listen } from './lib/servers';
import { p99AtMost, timesVersus } from './lib/targets';
import { checkIssued, checkNaiveCredits, visitLedgers, visitPlan } from './lib/visit-ledger';
import { naiveSeedFlow } from './naive-seed-flow';
import { naiveVisitFlow } from './naive-visit-flow';

const SOURCE = 'bench-gym-latency';
const PATH = `/webhooks/${SOURCE}/gym-visits`;
/** Twice the connections: each member has at most one request in flight most of the time. */
const MEMBERS = 100;
const NAIVE_REDEEM = 'naive seed flow, Wix latency';
const NAIVE_VISITS = 'gym visits, naive seed flow, Wix latency';

/**
 * Reads the ledger with the delay off (it reads every member: at 80 ms a call that would take minutes), once
 * the calls still waiting when the load stopped have had time to land; then turns the delay back on.
 */
async function withoutDelay<T>(app: BenchApp, read: () => Promise<T>): Promise<T> {
  const latency = app.emulator.latency.get();
  app.emulator.latency.set(null);
  try {
    await new Promise((resolve) =>
      setTimeout(resolve, (latency?.meanMs ?? 0) + (latency?.jitterMs ?? 0) + 100),
    );
    return await read();
  } finally {
    app.emulator.latency.set(latency);
  }
}

/**
 * Issue 14: both flows at real-world Wix latency — the local Wix waits like Wix's REST API before each call
 * (OAuth included), many connections, ours against the naive flows under the same delay.
 */
export const wixLatencySuite: Suite = {
  name: 'Wix latency',
  async setup({ app, options }) {
    const { wixLatency: latency, latencyConnections: connections } = options;
    const slack = 2 * connections;
    const { secret } = await addWebhookSource(app.running.deps, { name: SOURCE });
    const redeemers = await seedMembers(app, 'bench-lat-rdm', MEMBERS, TOKENS);
    const naiveRedeemers = await seedMembers(app, 'bench-lat-naive', MEMBERS, TOKENS);
    const visitors = await seedMembers(app, 'bench-lat-visit', MEMBERS, 0);
    const naiveVisitors = await seedMembers(app, 'bench-lat-vnaive', MEMBERS, 0);
    const ledgers = visitLedgers(app, app.storeFile);
    const naiveRedeem = await listen(naiveSeedFlow(app.running).fetch);
    const naiveVisits = await listen(naiveVisitFlow(app.running).fetch);
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
        verify: async (ok) => {
          const { debits } = await withoutDelay(app, () => redeemLedger(app, naiveRedeemers));
          return checkDebits(debits, null, ok, slack);
        },
      },
      {
        ...row,
        name: 'redeem, distinct members, Wix latency',
        url: app.server.url,
        plan: redeemPlan([...redeemers.values()], UNIQUE),
        note: `${MEMBERS} members round-robin, unique keys`,
        versus: NAIVE_REDEEM,
        targets: ours,
        verify: async (ok) => {
          const { debits, records } = await withoutDelay(app, () => redeemLedger(app, redeemers));
          return checkDebits(debits, records, ok, slack);
        },
      },
      {
        ...row,
        name: NAIVE_VISITS,
        url: naiveVisits.url,
        plan: visitPlan('/naive/gym-visits', secret, [...naiveVisitors.keys()]),
        note: '2 Wix calls in a row (queryPools, changeBalance)',
        verify: async (ok) =>
          checkNaiveCredits(
            await withoutDelay(app, () => ledgers.read('bench-lat-vnaive', naiveVisitors)),
            ok,
            slack,
          ),
      },
      {
        ...row,
        name: 'gym visits, distinct members, Wix latency',
        url: app.server.url,
        plan: visitPlan(PATH, secret, [...visitors.keys()]),
        note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
        versus: NAIVE_VISITS,
        targets: ours,
        verify: async (ok, tally) =>
          checkIssued(
            await withoutDelay(app, () => ledgers.read('bench-lat-visit', visitors)),
            ok,
            tally,
            slack,
          ),
      },
    ];
    return {
      scenarios,
      header: `Wix latency: the local Wix waits ${latency.meanMs} ± ${latency.jitterMs} ms (uniform) before every Wix REST call, OAuth token and token-info included; ${connections} connections; no bare-Hono baseline (the yardstick is the naive flow under the same delay); p99 target ≤ ${3 * latency.meanMs} ms = 3 × the mean delay`,
      close: async () => {
        app.emulator.latency.set(null);
        ledgers.close();
        await naiveRedeem.close();
        await naiveVisits.close();
      },
    };
  },
};
