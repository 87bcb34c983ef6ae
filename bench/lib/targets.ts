import type { Row } from './table';

/** The speed targets of a row, checked once the row (and the row it is compared with) is measured. */
export interface Target {
  label: string;
  met(row: Row): boolean;
}

/** req/s at least `times` those of the row it is compared with (its naive flow). */
export const timesVersus = (times: number): Target => ({
  label: `≥ ${times}× naive`,
  met: (row) => row.versus !== null && Number.isFinite(row.versus.rpsRatio) && row.versus.rpsRatio >= times,
});

/** req/s at least `times` bare Hono's. */
export const timesBaseline = (times: number): Target => ({
  label: `≥ ${times}× bare Hono`,
  met: (row) => row.base !== null && row.rps / row.base.rps >= times,
});

export const rpsAtLeast = (rps: number): Target => ({
  label: `≥ ${rps} req/s`,
  met: (row) => row.rps >= rps,
});

export const p99AtMost = (ms: number, why = ''): Target => ({
  label: `p99 ≤ ${ms} ms${why ? ` (${why})` : ''}`,
  met: (row) => row.p99 <= ms,
});

/** CPU time per request at most `times` the compared row's. */
export const cpuTimesVersus = (times: number): Target => ({
  label: `CPU/req ≤ ${times}× naive`,
  met: (row) => row.versus?.cpuRatio != null && row.versus.cpuRatio <= times,
});

export const rssAtMost = (mb: number): Target => ({
  label: `peak RSS ≤ ${mb} MB`,
  met: (row) => row.cost !== null && row.cost.peakRssMb <= mb,
});
