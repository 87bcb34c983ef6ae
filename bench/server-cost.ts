import { seedMembers } from './lib/ledger';
import type { BenchOptions } from './lib/options';
import { UNIQUE } from './lib/plan';
import { NAIVE_VISIT_PATH, type Processes, processSuite, VISIT_PATH, warmUp } from './lib/processes';
import { checkDebits, naiveRedeemPlan, redeemLedger, redeemPlan, TOKENS } from './lib/redeem-ledger';
import type { Scenario, Suite, SuiteRun } from './lib/scenario';
import { cpuTimesVersus, rssAtMost } from './lib/targets';
import { checkIssued, checkNaiveCredits, visitLedgers, visitPlan } from './lib/visit-ledger';

const MEMBERS = 50;
const NAIVE_REDEEM = 'naive seed flow, own process';
const NAIVE_VISITS = 'gym visits, naive seed flow, own process';

/**
 * What the server itself costs. The local Wix runs in a process of its own (`npm run emulator`),
 * the app in another, the naive flows in a third built the same way (same code loaded, same local Wix; the
 * naive flows call it through the SDK as the samples set it up), all three bundled as production runs them
 * (esbuild.config.mjs --bench): each row reads its server process's CPU time and RSS from outside (/proc),
 * over the whole load run, and divides the CPU time by the responses served.
 */
export const serverCostSuite: Suite = processSuite('server cost', costRows);

async function costRows(processes: Processes, options: BenchOptions): Promise<SuiteRun> {
  const { app, naive, client, secret } = processes;
  const redeemers = await seedMembers(client, 'cost-rdm', MEMBERS, TOKENS);
  const naiveRedeemers = await seedMembers(client, 'cost-naive', MEMBERS, TOKENS);
  const visitors = await seedMembers(client, 'cost-visit', MEMBERS, 0);
  const naiveVisitors = await seedMembers(client, 'cost-vnaive', MEMBERS, 0);
  const ledgers = visitLedgers(client, processes.storeFile);

  await warmUp(processes, options.connections, 2 * options.warmupSeconds);

  const slack = 2 * options.connections;
  // Warmed up above: the CPU time is that of the measured run alone.
  const row = { baseline: 'none' as const, warmupSeconds: 0 };
  const ours = [cpuTimesVersus(1.5), rssAtMost(250)];
  const scenarios: Scenario[] = [
    {
      ...row,
      name: NAIVE_REDEEM,
      url: naive.url,
      pid: naive.pid,
      plan: naiveRedeemPlan([...naiveRedeemers.keys()]),
      note: 'the naive seed flow in a server process of its own',
      verify: async (ok) => checkDebits((await redeemLedger(client, naiveRedeemers)).debits, null, ok, slack),
    },
    {
      ...row,
      name: 'redeem, distinct members, own process',
      url: app.url,
      pid: app.pid,
      plan: redeemPlan([...redeemers.values()], UNIQUE),
      note: `${MEMBERS} members round-robin, unique keys`,
      versus: NAIVE_REDEEM,
      targets: ours,
      verify: async (ok) => {
        const { debits, records } = await redeemLedger(client, redeemers);
        return checkDebits(debits, records, ok, slack);
      },
    },
    {
      ...row,
      name: NAIVE_VISITS,
      url: naive.url,
      pid: naive.pid,
      plan: visitPlan(NAIVE_VISIT_PATH, secret, [...naiveVisitors.keys()]),
      note: 'the naive visit flow in a server process of its own',
      verify: async (ok) => checkNaiveCredits(await ledgers.read('cost-vnaive', naiveVisitors), ok, slack),
    },
    {
      ...row,
      name: 'gym visits, distinct members, own process',
      url: app.url,
      pid: app.pid,
      plan: visitPlan(VISIT_PATH, secret, [...visitors.keys()]),
      note: `${MEMBERS} members round-robin, a new day per visit, signed, unique ids`,
      versus: NAIVE_VISITS,
      targets: ours,
      verify: async (ok, tally) => checkIssued(await ledgers.read('cost-visit', visitors), ok, tally, slack),
    },
  ];
  return {
    scenarios,
    header: `server cost: local Wix (npm run emulator, state in a SQLite file) in its own process, the app and the naive flows each in a server process of their own built alike and bundled like npm start's server (node build/bench/serve-flow.js app|naive, from bench/lib/serve-flow.ts; app store SQLite); ${options.connections} connections, no Wix delay; CPU ms/req = the server process's user+system CPU time over the row's measured run (after a warm-up of its own) ÷ responses, peak RSS sampled every 100 ms meanwhile (/proc)`,
    close: async () => {
      ledgers.close();
      await processes.close();
    },
  };
}
