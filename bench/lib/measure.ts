import { runLoad } from './load';
import type { BenchOptions } from './options';
import type { LoadResult, LoadRun } from './plan';
import { watchProcess } from './process-usage';
import type { Scenario } from './scenario';
import type { Listening } from './servers';
import type { Row } from './table';

const progress = (line: string) => process.stderr.write(`${line}\n`);

function statusNote(r: LoadResult): string {
  const codes = Object.entries(r.statusCodes)
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, n]) => `${n}×${code}`);
  const errors = r.errors > 0 ? `, ${r.errors} conn errors` : '';
  return `${r.non2xx} non-2xx of ${r.ok + r.non2xx}${codes.length ? ` (${codes.join(' ')})` : ''}${errors}`;
}

/** Responses of the whole load run, warm-up included (what the process's CPU time is divided by). */
const served = (run: LoadRun) =>
  run.measured.ok + run.measured.non2xx + (run.warmup ? run.warmup.ok + run.warmup.non2xx : 0);

/** The scenario's load, with the CPU time and peak RSS of its server process when it has one. */
async function loadWithCost(s: Scenario, o: BenchOptions) {
  const watch = s.pid !== undefined ? watchProcess(s.pid) : null;
  const connections = s.connections ?? o.connections;
  const load = await runLoad({
    connections,
    durationSeconds: o.durationSeconds,
    warmupSeconds: s.warmupSeconds ?? o.warmupSeconds,
    url: s.url,
    plan: s.plan,
  });
  const usage = watch?.stop();
  const cost = usage
    ? { cpuMsPerRequest: usage.cpuMs / Math.max(1, served(load)), peakRssMb: usage.peakRssMb }
    : null;
  return { load, cost };
}

type CostedLoad = Awaited<ReturnType<typeof loadWithCost>>;

/** The naive flow's req/s (and CPU per request) over its own row and its run again right after `load`. */
function bracketed(other: Row, again: CostedLoad | null) {
  if (!again) return { rps: other.rps, cpuMsPerRequest: other.cost?.cpuMsPerRequest ?? null, again: null };
  const cpu = other.cost && again.cost ? (other.cost.cpuMsPerRequest + again.cost.cpuMsPerRequest) / 2 : null;
  return {
    rps: (other.rps + again.load.measured.rps) / 2,
    cpuMsPerRequest: cpu,
    again: again.load.measured.rps,
  };
}

/**
 * Baseline, scenario, baseline again: the two baseline runs bracket the scenario, so drift on a shared
 * machine shows up (and averages out) instead of skewing the ratio. A row with `baseline: 'none'` runs alone.
 * Likewise the row it is compared with (its naive flow, `versus`) runs again right after it: its ratio is
 * to the mean of that flow's row just before and this run just after.
 * A non-2xx response or a failed ledger check marks the row failed (the bench then exits non-zero).
 */
export async function measure(
  suite: string,
  s: Scenario,
  bare: Listening,
  o: BenchOptions,
  done: Row[],
  scenarios: readonly Scenario[],
): Promise<Row> {
  const withBaseline = (s.baseline ?? 'bare-hono') === 'bare-hono';
  const barePlan = { ...s.plan, path: '/x' };
  // Bare Hono settles within a second or two: half the row's duration each side is enough to bracket drift.
  const bareJob = {
    connections: s.connections ?? o.connections,
    durationSeconds: Math.max(1, Math.round(o.durationSeconds / 2)),
    url: bare.url,
    plan: barePlan,
  };
  let before: LoadRun | null = null;
  if (withBaseline) {
    progress(`  ${s.name}: baseline (bare Hono)…`);
    before = await runLoad({ ...bareJob, warmupSeconds: Math.min(1, o.warmupSeconds) });
  }
  await s.before?.();
  progress(`  ${s.name}: measuring…`);
  const { load, cost } = await loadWithCost(s, o);
  let after: LoadRun | null = null;
  if (withBaseline) {
    progress(`  ${s.name}: baseline again…`);
    after = await runLoad({ ...bareJob, warmupSeconds: 0 });
  }
  const other = done.find((r) => r.scenario === s.versus);
  const compared = scenarios.find((c) => c.name === s.versus);
  let again: CostedLoad | null = null;
  if (other && compared) {
    progress(`  ${s.name}: ${compared.name} again…`);
    // Its members are its own: this run changes nothing the row's checks below count.
    again = await loadWithCost(compared, { ...o, warmupSeconds: Math.min(1, o.warmupSeconds) });
  }

  const ok = (load.warmup?.ok ?? 0) + load.measured.ok;
  const tally = { ...load.measured.tally };
  for (const [name, n] of Object.entries(load.warmup?.tally ?? {})) tally[name] = (tally[name] ?? 0) + n;
  const non2xx = load.measured.non2xx + (load.warmup?.non2xx ?? 0);
  let check = non2xx > 0 ? `CHECK FAILED: ${non2xx} non-2xx` : '';
  let checkFailed = non2xx > 0;
  try {
    const verified = s.verify ? await s.verify(ok, tally) : '';
    check = [check, verified].filter(Boolean).join('; ');
  } catch (err) {
    checkFailed = true;
    check = [check, `CHECK FAILED: ${err instanceof Error ? err.message : String(err)}`]
      .filter(Boolean)
      .join('; ');
  }
  const base =
    before && after
      ? {
          rps: (before.measured.rps + after.measured.rps) / 2,
          p99: Math.max(before.measured.p99, after.measured.p99),
        }
      : null;
  const drift = before && after && base ? Math.abs(before.measured.rps - after.measured.rps) / base.rps : 0;
  const baseNon2xx = (before?.measured.non2xx ?? 0) + (after?.measured.non2xx ?? 0);
  const naive = other ? bracketed(other, again) : null;
  const againNon2xx = again ? again.load.measured.non2xx + (again.load.warmup?.non2xx ?? 0) : 0;
  const row: Row = {
    suite,
    scenario: s.name,
    rps: load.measured.rps,
    p99: load.measured.p99,
    base,
    versus:
      other && naive
        ? {
            scenario: other.scenario,
            rps: naive.rps,
            againRps: naive.again,
            rpsRatio: naive.rps > 0 ? load.measured.rps / naive.rps : Number.NaN,
            cpuRatio: cost && naive.cpuMsPerRequest ? cost.cpuMsPerRequest / naive.cpuMsPerRequest : null,
          }
        : null,
    cost,
    targets: [],
    note: [
      s.note,
      statusNote(load.measured),
      check,
      drift > 0.25 && before && after
        ? `noisy baseline ${before.measured.rps.toFixed(0)}→${after.measured.rps.toFixed(0)}`
        : '',
      baseNon2xx > 0 ? `baseline non-2xx ${baseNon2xx}` : '',
      naive?.again != null ? `${other?.scenario} again after: ${naive.again.toFixed(0)} req/s` : '',
      againNon2xx > 0 ? `${other?.scenario} again: non-2xx ${againNon2xx}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    checkFailed,
  };
  row.targets = (s.targets ?? []).map((t) => ({ label: t.label, met: t.met(row) }));
  return row;
}
