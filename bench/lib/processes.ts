import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WixLatency } from '../../src/emulator/latency';
import { createWixClients } from '../../src/wix/clients';
import { type AppClient, appClient } from './app-client';
import { BUILT, buildServers, type ChildServer, startChildServer } from './child-server';
import { seedMembers } from './ledger';
import { runLoad } from './load';
import type { BenchOptions } from './options';
import { type RequestPlan, UNIQUE } from './plan';
import { naiveRedeemPlan, redeemPlan, TOKENS } from './redeem-ledger';
import type { Suite, SuiteRun } from './scenario';
import { visitPlan } from './visit-ledger';

/** The app the local Wix knows and both server processes call it as (like Wix: the same app, one site). */
const APP = {
  WIX_APP_ID: 'bench-app',
  WIX_APP_SECRET: 'bench-app-secret-0123456789abcdef',
  WIX_APP_INSTANCE_ID: 'bench-instance',
};
/** The webhook source the visit rows sign for. */
export const SOURCE = 'bench-gym';
export const VISIT_PATH = `/webhooks/${SOURCE}/gym-visits`;
export const NAIVE_VISIT_PATH = '/naive/gym-visits';

/** Three processes, as in production: the local Wix (as Wix, elsewhere), the app, the naive flows. */
export interface Processes {
  wix: ChildServer;
  app: ChildServer;
  naive: ChildServer;
  /** Web methods of the app process, as its seeding and checks call them. */
  client: AppClient;
  /** The signing secret of the visit rows' webhook source. */
  secret: string;
  /** The app process's SQLite store (read-only checks open it beside the app). */
  storeFile: string;
  /** Changes the local Wix's per-call delay while it serves (`null`: none). */
  setLatency(latency: WixLatency | null): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts the local Wix (`npm run emulator`'s bundle, state in a SQLite file), then the app and the naive
 * flows, each in a server process of its own built alike (`node build/bench/serve-flow.js app|naive`:
 * `buildApp` from the environment, the app store SQLite), so both hold the same code and call the same local
 * Wix over HTTP, as a server calls Wix (the naive flows through the SDK as the samples set it up). All
 * bundled as production runs them.
 */
export async function startProcesses(name: string, cpuProfileDir: string | null): Promise<Processes> {
  const dir = mkdtempSync(join(tmpdir(), `rb-bench-${name}-`));
  const started: ChildServer[] = [];
  const stopAll = async () => {
    for (const child of started.reverse()) await child.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    buildServers();
    const wix = await startChildServer(
      BUILT.localWix,
      ['--port', '0', '--file', join(dir, 'wix.sqlite')],
      APP,
      cpuProfileDir,
    );
    started.push(wix);
    const serverEnv = (flow: string) => ({
      ...APP,
      DATA_DIR: join(dir, flow),
      WIX_EMULATOR_URL: wix.url,
      LOCAL_AUTH_SECRET: 'bench-secret-bench-secret-bench-secret-01',
      LOG_LEVEL: 'silent',
      SCHEDULER: 'off',
      EXPYS_WEBHOOK_INTERVAL_MS: '0',
    });
    // One after the other: the first sets the program up on the local Wix, the second finds it.
    const app = await startChildServer(BUILT.serveFlow, ['app'], serverEnv('app'), cpuProfileDir);
    started.push(app);
    const naive = await startChildServer(BUILT.serveFlow, ['naive'], serverEnv('naive'), cpuProfileDir);
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
    return {
      wix,
      app,
      naive,
      client,
      secret: added.credentials.secret,
      storeFile: join(dir, 'app', 'app.sqlite'),
      async setLatency(latency) {
        const res = await fetch(`${wix.url}/_emulator/latency`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${client.adminToken}` },
          body: JSON.stringify(latency),
        });
        if (!res.ok) throw new Error(`the local Wix refused its delay: ${res.status} ${await res.text()}`);
      },
      async close() {
        wixClients.close();
        await stopAll();
      },
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * Both server processes warm up alike (JIT, SQLite pages, the Wix token), each flow on members of its own,
 * so the measured rows see neither a cold process nor what warming did to their members.
 */
export async function warmUp(processes: Processes, connections: number, seconds: number): Promise<void> {
  const { app, naive, client, secret } = processes;
  const redeemers = await seedMembers(client, 'warm-rdm', 10, TOKENS);
  const visitors = await seedMembers(client, 'warm-visit', 10, 0);
  const naiveVisitors = await seedMembers(client, 'warm-vnaive', 10, 0);
  const warmups: [string, RequestPlan][] = [
    [app.url, redeemPlan([...redeemers.values()], UNIQUE)],
    [naive.url, naiveRedeemPlan([...redeemers.keys()])],
    [app.url, visitPlan(VISIT_PATH, secret, [...visitors.keys()])],
    [naive.url, visitPlan(NAIVE_VISIT_PATH, secret, [...naiveVisitors.keys()])],
  ];
  for (const [url, plan] of warmups) {
    await runLoad({ url, plan, connections, warmupSeconds: 0, durationSeconds: seconds });
  }
}

/**
 * A suite whose rows run against the three processes: started when the suite is set up, stopped when it
 * closes, or at once if setting its rows up fails.
 */
export const processSuite = (
  name: string,
  rows: (processes: Processes, options: BenchOptions) => Promise<SuiteRun>,
): Suite => ({
  name,
  async setup({ options }) {
    const processes = await startProcesses(name.replaceAll(' ', '-'), options.cpuProfileDir);
    try {
      return await rows(processes, options);
    } catch (err) {
      await processes.close();
      throw err;
    }
  },
});
