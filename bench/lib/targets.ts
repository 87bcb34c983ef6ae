import type { Row } from './table';

/** The speed targets of a row, checked once the row (and the row it is compared with) is measured. */
export interface Target {
  label: string;
  met(row: Row, versus: Row | undefined): boolean;
}

/** req/s at least `times` those of the row it is compared with (its naive flow). */
export const timesVersus = (times: number): Target => ({
  label: `≥ ${times}× naive`,
  met: (row, versus) => versus !== undefined && versus.rps > 0 && row.rps / versus.rps >= times,
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
  met: (row, versus) =>
    row.cost !== null &&
    versus?.cost != null &&
    row.cost.cpuMsPerRequest <= times * versus.cost.cpuMsPerRequest,
});

export const rssAtMost = (mb: number): Target => ({
  label: `peak RSS ≤ ${mb} MB`,
  met: (row) => row.cost !== null && row.cost.peakRssMb <= mb,
});
