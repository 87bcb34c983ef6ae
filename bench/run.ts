import { gymVisitSuite } from './gym-visits';
import { type BenchApp, startBenchApp } from './lib/app';
import { writeJsonReport } from './lib/json-report';
import { measure } from './lib/measure';
import { type BenchOptions, benchOptions, machine, USAGE } from './lib/options';
import type { Suite } from './lib/scenario';
import { bareHono, type Listening, listen } from './lib/servers';
import { formatCostTable, formatTable, type Row } from './lib/table';
import { redemptionSuite } from './redemption';
import { serverCostSuite } from './server-cost';
import { wixLatencySuite } from './wix-latency';

/** Every suite the bench runs, in order. A new one is a module exporting a `Suite`, listed here. */
const suites: Suite[] = [redemptionSuite, gymVisitSuite, wixLatencySuite, serverCostSuite];

const progress = (line: string) => process.stderr.write(`${line}\n`);

/** The suites `--only` names (any case), in the bench's order; all of them without it. */
function selectedSuites(only: string[]): Suite[] {
  const wanted = new Set(only.map((name) => name.toLowerCase()));
  const unknown = [...wanted].filter((name) => !suites.some((s) => s.name.toLowerCase() === name));
  if (unknown.length > 0)
    throw new Error(`no suite named ${unknown.join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`);
  return wanted.size === 0 ? suites : suites.filter((s) => wanted.has(s.name.toLowerCase()));
}

async function runSuites(app: BenchApp, bare: Listening, options: BenchOptions) {
  const rows: Row[] = [];
  const headers: string[] = [];
  for (const suite of selectedSuites(options.only)) {
    const suiteStarted = Date.now();
    progress(`[${suite.name}] seeding…`);
    const run = await suite.setup({ app, options });
    if (run.header) headers.push(run.header);
    try {
      for (const scenario of run.scenarios)
        rows.push(await measure(suite.name, scenario, bare, options, rows, run.scenarios));
    } finally {
      await run.close();
    }
    progress(`[${suite.name}] ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s`);
  }
  return { rows, headers };
}

async function main() {
  let options: BenchOptions;
  try {
    options = benchOptions(process.argv.slice(2), process.env);
    selectedSuites(options.only);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\nusage: ${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const startedOn = machine();
  const app = await startBenchApp();
  const bare = await listen(bareHono().fetch);
  let result: Awaited<ReturnType<typeof runSuites>>;
  try {
    result = await runSuites(app, bare, options);
  } finally {
    await bare.close();
    await app.close();
  }
  const { rows, headers } = result;
  const seconds = Math.round((Date.now() - started) / 1000);
  const failed = rows.filter((r) => r.checkFailed);
  const missed = rows.filter((r) => r.targets.some((t) => !t.met));
  if (failed.length > 0) process.exitCode = 1;
  const costRows = rows.filter((r) => r.cost !== null);
  const loadRows = rows.filter((r) => r.cost === null);
  process.stdout.write(
    [
      '',
      `rewards-bridge bench — ${startedOn}; ${options.durationSeconds}s per run after ${options.warmupSeconds}s warm-up, ${options.connections} connections, autocannon from a worker thread, all on 127.0.0.1${options.quick ? ' (--quick: a smoke check, figures not comparable)' : ''}`,
      'app: real app in-process (@hono/node-server), app store = SQLite file (WAL, synchronous=NORMAL), local Wix in memory behind the real SDK; the Wix-latency and server-cost suites run the local Wix, the app and the naive flows in three processes (their lines below)',
      'baseline: bare Hono `POST /x` → {"ok":true}, same requests, served the same way, run for half the row\'s time just before and just after it (req/s = mean, p99 = worse); ratio = req/s ÷ baseline req/s; vs naive = req/s ÷ the naive flow\'s req/s in the same suite',
      'gym visits: req/s = webhooks/s; each request a Standard Webhooks-signed gym.visit (signed per request in the load worker, for the baselines too)',
      ...headers,
      "ledger checks: after each row, tokens debited (redeem) or credited (visits) on the local Wix = the app's records = 2xx with the expected outcome (+ requests cut off when the load stopped); any non-2xx fails the row",
      'targets: marked ok / **MISS**; a miss does not fail the bench, a failed check does',
      '',
      ...(loadRows.length > 0 ? [formatTable(loadRows), ''] : []),
      ...(costRows.length > 0 ? [formatCostTable(costRows), ''] : []),
      `done in ${seconds}s${failed.length ? ` — CHECKS FAILED: ${failed.map((r) => r.scenario).join(', ')}` : ''}${missed.length ? ` — targets missed: ${missed.map((r) => r.scenario).join(', ')}` : ''}`,
      '',
    ].join('\n'),
  );
  if (options.jsonFile) {
    writeJsonReport(options.jsonFile, rows, options, {
      machine: startedOn,
      seconds,
      failedChecks: failed.length,
    });
    progress(`rows written to ${options.jsonFile}`);
  }
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
