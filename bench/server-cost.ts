import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWixClients } from '../src/wix/clients';
import { appClient } from './lib/app-client';
import { BUILT, buildServers, type ChildServer, startChildServer } from './lib/child-server';
import { seedMembers } from './lib/ledger';
import { runLoad } from './lib/load';
import type { BenchOptions } from './lib/options';
import { type RequestPlan, UNIQUE } from './lib/plan';
import { checkDebits, naiveRedeemPlan, redeemLedger, redeemPlan, TOKENS } from './lib/redeem-ledger';
import type { Scenario, Suite, SuiteRun } from './lib/scenario';
import { cpuTimesVersus, rssAtMost } from './lib/targets';
import { checkIssued, checkNaiveCredits, visitLedgers, visitPlan } from './lib/visit-ledger';

/** The app the local Wix knows and both server processes call it as (like Wix: the same app, one site). */
const APP = {
  WIX_APP_ID: 'bench-app',
  WIX_APP_SECRET: 'bench-app-secret-0123456789abcdef',
  WIX_APP_INSTANCE_ID: 'bench-instance',
};
const MEMBERS = 50;
const SOURCE = 'bench-gym';
const PATH = `/webhooks/${SOURCE}/gym-visits`;
const NAIVE_REDEEM = 'naive seed flow, own process';
const NAIVE_VISITS = 'gym visits, naive seed flow, own process';

/**
 * What the server itself costs. The local Wix runs in a process of its own (`npm run emulator`),
 * the app in another, the naive flows in a third built the same way (same code loaded, same clients, same
 * local Wix), all three bundled as production runs them (esbuild.config.mjs --bench): each row reads its
 * server process's CPU time and RSS from outside (/proc), over the whole load run, and divides the CPU time
 * by the responses served.
 */
export const serverCostSuite: Suite = {
  name: 'server cost',
  async setup({ options }) {
    const dir = mkdtempSync(join(tmpdir(), 'rb-bench-cost-'));
    const started: ChildServer[] = [];
    const stopAll = async () => {
      for (const child of started.reverse()) await child.stop();
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      return await costRows(dir, started, options, stopAll);
    } catch (err) {
      await stopAll();
      throw err;
    }
  },
};

async function costRows(
  dir: string,
  started: ChildServer[],
  options: BenchOptions,
  stopAll: () => Promise<void>,
): Promise<SuiteRun> {
  buildServers();
  const wix = await startChildServer(BUILT.localWix, ['--port', '0', '--file', join(dir, 'wix.sqlite')], APP);
  started.push(wix);
  const serverEnv = (name: string) => ({
    ...APP,
    DATA_DIR: join(dir, name),
    WIX_EMULATOR_URL: wix.url,
    LOCAL_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
    LOG_LEVEL: 'silent',
    SCHEDULER: 'off',
    EXPYS_WEBHOOK_INTERVAL_MS: '0',
  });
  // One after the other: the first sets the program up on the local Wix, the second finds it.
  const app = await startChildServer(BUILT.serveFlow, ['app'], serverEnv('app'));
  started.push(app);
  const naive = await startChildServer(BUILT.serveFlow, ['naive'], serverEnv('naive'));
  started.push(naive);

  const wixClients = createWixClients({
    kind: 'app',
    appId: APP.WIX_APP_ID,
    appSecret: APP.WIX_APP_SECRET,
    instanceId: APP.WIX_APP_INSTANCE_ID,
    baseUrl: wix.url,
  });
  const client = await appClient({
    request: (path, init) => fetch(`${app.url}${path}`, init),
    wix: wixClients,
  });
  const added = await client.must<{ credentials: { secret: string } }>(
    'dashboard/addIntegration',
    [{ kind: 'webhook', name: SOURCE }],
    client.adminToken,
  );
  const { secret } = added.credentials;
  const redeemers = await seedMembers(client, 'cost-rdm', MEMBERS, TOKENS);
  const naiveRedeemers = await seedMembers(client, 'cost-naive', MEMBERS, TOKENS);
  const visitors = await seedMembers(client, 'cost-visit', MEMBERS, 0);
  const naiveVisitors = await seedMembers(client, 'cost-vnaive', MEMBERS, 0);
  const ledgers = visitLedgers(client, join(dir, 'app', 'app.sqlite'));

  // Each process warms up alike (JIT, SQLite pages, the Wix token), on members of its own.
  const warm = await seedMembers(client, 'cost-warm', 10, TOKENS);
  const warmVisits = await seedMembers(client, 'cost-vwarm', 10, 0);
  const warmNaiveVisits = await seedMembers(client, 'cost-vwarmn', 10, 0);
  const warmups: [string, RequestPlan][] = [
    [app.url, redeemPlan([...warm.values()], UNIQUE)],
    [naive.url, naiveRedeemPlan([...warm.keys()])],
    [app.url, visitPlan(PATH, secret, [...warmVisits.keys()])],
    [naive.url, visitPlan('/naive/gym-visits', secret, [...warmNaiveVisits.keys()])],
  ];
  for (const [url, plan] of warmups) {
    await runLoad({
      url,
      plan,
      connections: options.connections,
      warmupSeconds: 0,
      durationSeconds: 2 * options.warmupSeconds,
    });
  }

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
      plan: visitPlan('/naive/gym-visits', secret, [...naiveVisitors.keys()]),
      note: 'the naive visit flow in a server process of its own',
      verify: async (ok) => checkNaiveCredits(await ledgers.read('cost-vnaive', naiveVisitors), ok, slack),
    },
    {
      ...row,
      name: 'gym visits, distinct members, own process',
      url: app.url,
      pid: app.pid,
      plan: visitPlan(PATH, secret, [...visitors.keys()]),
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
      wixClients.close();
      await stopAll();
    },
  };
}
