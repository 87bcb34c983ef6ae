export interface Row {
  suite: string;
  scenario: string;
  rps: number;
  p99: number;
  /** Bare Hono run just before and after the row (req/s = mean, p99 = worse); null where the row has none. */
  base: { rps: number; p99: number } | null;
  /**
   * The row it is compared with (its naive flow), measured just before it and again just after: their mean
   * req/s (`rps`, the second run's alone as `againRps`), the req/s ratio to it, and for cost rows the ratio of
   * CPU per request.
   */
  versus: {
    scenario: string;
    rps: number;
    againRps: number | null;
    rpsRatio: number;
    cpuRatio: number | null;
  } | null;
  /** The server process's own cost over the row (cost rows only). */
  cost: { cpuMsPerRequest: number; peakRssMb: number } | null;
  targets: { label: string; met: boolean }[];
  note: string;
  /** A ledger or status check failed: the bench exits non-zero. */
  checkFailed: boolean;
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const ratio = (a: number, b: number) => (b > 0 ? `${fixed(a / b, 3)}×` : '-');
const times = (n: number | null | undefined) => (n == null ? '-' : `${fixed(n, 3)}×`);

/** Each target with its verdict; a missed one stands out in the terminal and in markdown. */
const verdicts = (r: Row) => r.targets.map((t) => `${t.met ? 'ok' : '**MISS**'} ${t.label}`).join('; ');

/** A markdown table, columns padded so it also reads in a terminal; `right`: right-aligned column indexes. */
function markdown(head: string[], right: Set<number>, cells: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (right.has(i) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (right.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(head), rule, ...cells.map(line)].join('\n');
}

/** Throughput rows: req/s and p99 beside bare Hono and beside their naive flow. */
export function formatTable(rows: Row[]): string {
  const head = [
    'scenario',
    'req/s',
    'p99 ms',
    'baseline req/s',
    'baseline p99 ms',
    'ratio',
    'vs naive',
    'targets',
    'note',
  ];
  const cells = rows.map((r) => [
    r.scenario,
    fixed(r.rps, 0),
    fixed(r.p99, 0),
    r.base ? fixed(r.base.rps, 0) : '-',
    r.base ? fixed(r.base.p99, 0) : '-',
    r.base ? ratio(r.rps, r.base.rps) : '-',
    times(r.versus?.rpsRatio),
    verdicts(r),
    r.note,
  ]);
  return markdown(head, new Set([1, 2, 3, 4, 5, 6]), cells);
}

/** Cost rows: the server process's CPU per request and peak RSS, beside the naive flow's. */
export function formatCostTable(rows: Row[]): string {
  const head = [
    'scenario',
    'req/s',
    'p99 ms',
    'CPU ms/req',
    'CPU vs naive',
    'peak RSS MB',
    'targets',
    'note',
  ];
  const cells = rows.map((r) => [
    r.scenario,
    fixed(r.rps, 0),
    fixed(r.p99, 0),
    r.cost ? fixed(r.cost.cpuMsPerRequest, 3) : '-',
    times(r.versus?.cpuRatio),
    r.cost ? fixed(r.cost.peakRssMb, 0) : '-',
    verdicts(r),
    r.note,
  ]);
  return markdown(head, new Set([1, 2, 3, 4, 5]), cells);
}
