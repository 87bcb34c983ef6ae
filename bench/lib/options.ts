import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { TYPICAL_WIX_LATENCY, type WixLatency, wixLatencySchema } from '../../src/emulator/latency';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** `--quick`: every row runs 2 s, a smoke check of the bench and of every ledger check. */
  quick: boolean;
  /** `--json <file>`: where the rows are written as JSON too. */
  jsonFile: string | null;
  /** `--only <suite>` (repeatable): the suites to run, by name; empty runs them all. */
  only: string[];
  /** The Wix-latency suite's per-call delay of the local Wix. */
  wixLatency: WixLatency;
  /** The Wix-latency suite's connections (50 by default). */
  latencyConnections: number;
  /** `BENCH_CPU_PROF=<dir>`: each server process writes a V8 CPU profile there when it stops. */
  cpuProfileDir: string | null;
}

export const USAGE = `npm run bench -- [--quick] [--json <file>] [--only <suite>]…
  --quick         every row runs 2 s (a smoke check; the ledger checks still run)
  --json <file>   also write the rows as JSON
  --only <suite>  run only this suite (repeatable): redemption, gym visits, Wix latency, server cost
env: BENCH_DURATION (s per row, default 6), BENCH_CONNECTIONS (default 10),
     BENCH_LATENCY_CONNECTIONS (default 50), BENCH_WIX_DELAY_MS / BENCH_WIX_DELAY_JITTER_MS (default 80 / 20),
     BENCH_CPU_PROF (a folder: server processes write CPU profiles there)`;

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number) {
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be a whole number ${min}..${max}`);
  return n;
}

/** The command line (`--quick`, `--json <file>`) and the BENCH_* variables; a bad one throws a clear line. */
export function benchOptions(argv: string[], env: Record<string, string | undefined>): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      json: { type: 'string' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`usage: ${USAGE}\n`);
    process.exit(0);
  }
  const quick = values.quick === true;
  const durationSeconds = quick ? 2 : wholeNumber('BENCH_DURATION', env.BENCH_DURATION, 6, 1, 60);
  const delay = wholeNumber(
    'BENCH_WIX_DELAY_MS',
    env.BENCH_WIX_DELAY_MS,
    TYPICAL_WIX_LATENCY.meanMs,
    1,
    10_000,
  );
  const jitter = wholeNumber(
    'BENCH_WIX_DELAY_JITTER_MS',
    env.BENCH_WIX_DELAY_JITTER_MS,
    Math.min(delay, TYPICAL_WIX_LATENCY.jitterMs),
    0,
    10_000,
  );
  const wixLatency = wixLatencySchema.safeParse({ meanMs: delay, jitterMs: jitter });
  if (!wixLatency.success) throw new Error('BENCH_WIX_DELAY_JITTER_MS must be at most BENCH_WIX_DELAY_MS');
  return {
    durationSeconds,
    warmupSeconds: Math.min(2, Math.max(1, Math.round(durationSeconds / 4))),
    connections: wholeNumber('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 10, 1, 200),
    quick,
    jsonFile: values.json ?? null,
    only: values.only ?? [],
    wixLatency: wixLatency.data,
    latencyConnections: wholeNumber('BENCH_LATENCY_CONNECTIONS', env.BENCH_LATENCY_CONNECTIONS, 50, 1, 500),
    cpuProfileDir: env.BENCH_CPU_PROF?.trim() || null,
  };
}

export const machine = (): string =>
  `node ${process.version}, ${availableParallelism()} CPU(s), ${process.platform}/${process.arch}, load average ${loadavg()[0]?.toFixed(1)} at start`;
