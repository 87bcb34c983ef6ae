export interface Row {
  scenario: string;
  rps: number;
  p99: number;
  baseRps: number;
  baseP99: number;
  note: string;
}

const HEAD = ['scenario', 'req/s', 'p99 ms', 'baseline req/s', 'baseline p99 ms', 'ratio', 'note'];
const RIGHT = new Set([1, 2, 3, 4, 5]);

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
export const ratio = (a: number, b: number) => (b > 0 ? `${fixed(a / b, 3)}×` : '-');

/** A markdown table, columns padded so it also reads in a terminal. */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.scenario,
    fixed(r.rps, 0),
    fixed(r.p99, 0),
    fixed(r.baseRps, 0),
    fixed(r.baseP99, 0),
    ratio(r.rps, r.baseRps),
    r.note,
  ]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) =>
    `| ${c.map((v, i) => (RIGHT.has(i) ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (RIGHT.has(i) ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(HEAD), rule, ...cells.map(line)].join('\n');
}
