import { writeFileSync } from 'node:fs';
import type { BenchOptions } from './options';
import type { Row } from './table';

const round = (n: number, digits: number) => Number(n.toFixed(digits));

/**
 * `--json <file>`: one object per row. `baselineReqPerSec` / `ratioToBaseline` are bare Hono's (null for
 * rows measured only against their naive flow), `ratioToNaive` the req/s ratio to the row's naive flow
 * (null where it has none); cost rows add CPU ms per request and peak RSS of the server process.
 */
export function writeJsonReport(
  file: string,
  rows: Row[],
  options: BenchOptions,
  meta: Record<string, unknown>,
) {
  const report = {
    ...meta,
    options: {
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      connections: options.connections,
      latencyConnections: options.latencyConnections,
      wixLatency: options.wixLatency,
      quick: options.quick,
    },
    rows: rows.map((r) => ({
      suite: r.suite,
      scenario: r.scenario,
      reqPerSec: round(r.rps, 1),
      p99Ms: r.p99,
      baselineReqPerSec: r.base ? round(r.base.rps, 1) : null,
      ratioToBaseline: r.base && r.base.rps > 0 ? round(r.rps / r.base.rps, 4) : null,
      naiveScenario: r.versus?.scenario ?? null,
      // The naive flow's req/s as the ratio uses it: the mean of its row and its run again after this one.
      naiveReqPerSec: r.versus ? round(r.versus.rps, 1) : null,
      naiveAgainReqPerSec: r.versus?.againRps != null ? round(r.versus.againRps, 1) : null,
      ratioToNaive: r.versus ? round(r.versus.rpsRatio, 4) : null,
      cpuMsPerRequest: r.cost ? round(r.cost.cpuMsPerRequest, 4) : null,
      cpuRatioToNaive: r.versus?.cpuRatio != null ? round(r.versus.cpuRatio, 4) : null,
      peakRssMb: r.cost ? round(r.cost.peakRssMb, 1) : null,
      targets: r.targets,
      checkFailed: r.checkFailed,
      note: r.note,
    })),
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
