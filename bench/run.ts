import { gymVisitSuite } from './gym-visits';
import { type BenchApp, startBenchApp } from './lib/app';
import { runLoad } from './lib/load';
import { type BenchOptions, benchOptions, machine } from './lib/options';
import type { LoadResult } from './lib/plan';
import type { Scenario, Suite } from './lib/scenario';
import { bareHono, type Listening, listen } from './lib/servers';
import { formatTable, type Row, ratio } from './lib/table';
import { redemptionSuite } from './redemption';

/** Every suite the bench runs, in order. A new one is a module exporting a `Suite`, listed here. */
const suites: Suite[] = [redemptionSuite, gymVisitSuite];

const progress = (line: string) => process.stderr.write(`${line}\n`);

function statusNote(r: LoadResult): string {
  const codes = Object.entries(r.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${n}×${code}`);
  const errors = r.errors > 0 ? `, ${r.errors} conn errors` : '';
  return `${r.non2xx} non-2xx of ${r.ok + r.non2xx}${codes.length ? ` (${codes.join(' ')})` : ''}${errors}`;
}

/**
 * Baseline, scenario, baseline again: the two baseline runs bracket the scenario, so drift on a shared
 * machine shows up (and averages out) instead of skewing the ratio.
 */
async function measure(s: Scenario, bare: Listening, o: BenchOptions, done: Row[]): Promise<Row> {
  const job = { connections: o.connections, durationSeconds: o.durationSeconds };
  const barePlan = { ...s.plan, path: '/x' };
  progress(`  ${s.name}: baseline (bare Hono)…`);
  const before = await runLoad({ ...job, warmupSeconds: o.warmupSeconds, url: bare.url, plan: barePlan });
  progress(`  ${s.name}: measuring…`);
  const load = await runLoad({ ...job, warmupSeconds: o.warmupSeconds, url: s.url, plan: s.plan });
  progress(`  ${s.name}: baseline again…`);
  const after = await runLoad({ ...job, warmupSeconds: 0, url: bare.url, plan: barePlan });
  const ok = (load.warmup?.ok ?? 0) + load.measured.ok;
  const tally = { ...load.measured.tally };
  for (const [name, n] of Object.entries(load.warmup?.tally ?? {})) tally[name] = (tally[name] ?? 0) + n;
  let check = '';
  try {
    check = s.verify ? await s.verify(ok, tally) : '';
  } catch (err) {
    process.exitCode = 1;
    check = `CHECK FAILED: ${err instanceof Error ? err.message : String(err)}`;
  }
  const baseRps = (before.measured.rps + after.measured.rps) / 2;
  const drift = Math.abs(before.measured.rps - after.measured.rps) / baseRps;
  const baseNon2xx = before.measured.non2xx + after.measured.non2xx;
  const other = done.find((r) => r.scenario === s.versus);
  const notes = [
    s.note,
    other ? `${ratio(load.measured.rps, other.rps)} ${other.scenario}` : '',
    statusNote(load.measured),
    check,
    drift > 0.25 ? `noisy baseline ${before.measured.rps.toFixed(0)}→${after.measured.rps.toFixed(0)}` : '',
    baseNon2xx > 0 ? `baseline non-2xx ${baseNon2xx}` : '',
  ];
  return {
    scenario: s.name,
    rps: load.measured.rps,
    p99: load.measured.p99,
    baseRps,
    baseP99: Math.max(before.measured.p99, after.measured.p99),
    note: notes.filter(Boolean).join('; '),
  };
}

async function runSuites(app: BenchApp, bare: Listening, options: BenchOptions): Promise<Row[]> {
  const rows: Row[] = [];
  for (const suite of suites) {
    progress(`[${suite.name}] seeding…`);
    const run = await suite.setup({ app, options });
    try {
      for (const scenario of run.scenarios) rows.push(await measure(scenario, bare, options, rows));
    } finally {
      await run.close();
    }
  }
  return rows;
}

async function main() {
  const options = benchOptions(process.env);
  const started = Date.now();
  const app = await startBenchApp();
  const bare = await listen(bareHono().fetch);
  let rows: Row[];
  try {
    rows = await runSuites(app, bare, options);
  } finally {
    await bare.close();
    await app.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(
    [
      '',
      `rewards-bridge bench — ${machine()}; ${options.durationSeconds}s per run after ${options.warmupSeconds}s warm-up, ${options.connections} connections, autocannon from a worker thread, all on 127.0.0.1`,
      'app: real app in-process (@hono/node-server), app store = SQLite file (WAL, synchronous=NORMAL), local Wix in memory behind the real SDK',
      'baseline: bare Hono `POST /x` → {"ok":true}, same requests, served the same way, run just before and just after each row (req/s = mean, p99 = worse); ratio = req/s ÷ baseline req/s',
      'gym visits: req/s = webhooks/s; each request a Standard Webhooks-signed gym.visit (signed per request in the load worker, for the baselines too)',
      "ledger checks: after each row, tokens debited (redeem) or credited (visits) on the local Wix = the app's records = 2xx with the expected outcome (+ requests cut off when the load stopped)",
      '',
      formatTable(rows),
      '',
      `done in ${seconds}s${process.exitCode ? ' — SOME CHECKS FAILED' : ''}`,
      '',
    ].join('\n'),
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 1;
  })
  .finally(() => {
    // Nothing should be left running; if something is, do not hang.
    setTimeout(() => process.exit(), 5_000).unref();
  });
