import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import type { LedgerFigure, LedgerRow } from '../ports/report';
import type { Currency } from '../redemption';

const DAY_MS = 86_400_000;
/** The chart's default window, and the longest one a report may ask for. */
const DEFAULT_DAYS = 30;
const MAX_DAYS = 366;

export interface ReportRange {
  /** First UTC day, `YYYY-MM-DD`; default: 29 days before `to`. */
  from?: string | undefined;
  /** Last UTC day, inclusive; default: today. */
  to?: string | undefined;
}

export interface TokenDay {
  /** Given for gym visits. */
  visits: number;
  /** Given for paid orders. */
  orders: number;
  /** Given by hand (staff, welcome gifts). */
  adjustedIn: number;
  /** Taken away by hand. */
  adjustedOut: number;
  /** Taken back when an order was refunded. */
  reversed: number;
  /** Spent on redemptions. */
  spent: number;
  /** Given back when a redemption was canceled. */
  refunded: number;
}

export interface PointsDay {
  orders: number;
  adjustedIn: number;
  adjustedOut: number;
  reversed: number;
  /** Spent on coupons and at the counter. */
  redeemed: number;
  refunded: number;
}

export interface ReportDay {
  day: string;
  tokens: TokenDay;
  points: PointsDay;
  /** Redemptions made that day, by channel. */
  redemptions: Record<string, number>;
}

export interface CurrencyTotals {
  /** Given in the window (visits, orders, by hand). */
  issued: number;
  /** Spent in the window, net of cancellations. */
  redeemed: number;
  /** Taken back in the window (refunded orders, by hand). */
  takenBack: number;
  /** Owed to members at the end of the window: everything given minus everything spent or taken, ever. */
  outstanding: number;
}

export interface ProgramReport {
  from: string;
  to: string;
  days: ReportDay[];
  /** Every channel with a redemption in the window, by name. */
  channels: string[];
  totals: { tokens: CurrencyTotals; points: CurrencyTotals; redemptions: number };
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function dayStart(day: string, field: string): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : Number.NaN;
  if (Number.isNaN(ms) || isoDay(ms) !== day) {
    throw new AppError('VALIDATION', `${field}: must be a date as YYYY-MM-DD`, { details: { field } });
  }
  return ms;
}

const emptyTokens = (): TokenDay => ({
  visits: 0,
  orders: 0,
  adjustedIn: 0,
  adjustedOut: 0,
  reversed: 0,
  spent: 0,
  refunded: 0,
});
const emptyPoints = (): PointsDay => ({
  orders: 0,
  adjustedIn: 0,
  adjustedOut: 0,
  reversed: 0,
  redeemed: 0,
  refunded: 0,
});

const TOKEN_FIELD: Record<LedgerFigure, keyof TokenDay> = {
  visit: 'visits',
  order: 'orders',
  'adjust-in': 'adjustedIn',
  'adjust-out': 'adjustedOut',
  reversal: 'reversed',
  spent: 'spent',
  refunded: 'refunded',
};
const POINTS_FIELD: Record<LedgerFigure, keyof PointsDay | null> = {
  visit: null,
  order: 'orders',
  'adjust-in': 'adjustedIn',
  'adjust-out': 'adjustedOut',
  reversal: 'reversed',
  spent: 'redeemed',
  refunded: 'refunded',
};

/** Adds a ledger row into a day's figures (and its redemption count by channel). */
function addRow(day: ReportDay, r: LedgerRow): void {
  if (r.currency === 'tokens') day.tokens[TOKEN_FIELD[r.figure]] += r.amount;
  else {
    const field = POINTS_FIELD[r.figure];
    if (field) day.points[field] += r.amount;
  }
  if (r.figure === 'spent' && r.channel) {
    day.redemptions[r.channel] = (day.redemptions[r.channel] ?? 0) + r.count;
  }
}

function sum(rows: LedgerRow[], currency: Currency, figures: LedgerFigure[]): number {
  return rows
    .filter((r) => r.currency === currency && figures.includes(r.figure))
    .reduce((total, r) => total + r.amount, 0);
}

function totalsOf(window: LedgerRow[], ever: LedgerRow[], currency: Currency): CurrencyTotals {
  const given: LedgerFigure[] = ['visit', 'order', 'adjust-in', 'refunded'];
  const taken: LedgerFigure[] = ['reversal', 'adjust-out', 'spent'];
  return {
    issued: sum(window, currency, ['visit', 'order', 'adjust-in']),
    redeemed: sum(window, currency, ['spent']) - sum(window, currency, ['refunded']),
    takenBack: sum(window, currency, ['reversal', 'adjust-out']),
    outstanding: sum(ever, currency, given) - sum(ever, currency, taken),
  };
}

/**
 * The picture of the program over a window of UTC days, from the app's own records: tokens given for
 * visits and orders or by hand, points earned, what was spent and given back, redemptions per channel,
 * and what the program owes its members at the end of the window. Changes made in Wix directly (or by
 * Wix itself, such as the rollover cap at renewal) are not in the app's records, so not in here.
 */
export async function getProgramReport(deps: CoreDeps, range: ReportRange): Promise<ProgramReport> {
  const toMs =
    (range.to ? dayStart(range.to, 'to') : dayStart(isoDay(deps.clock.now().getTime()), 'to')) + DAY_MS;
  const fromMs = range.from ? dayStart(range.from, 'from') : toMs - DEFAULT_DAYS * DAY_MS;
  if (fromMs >= toMs)
    throw new AppError('VALIDATION', 'from: must not be after to', { details: { field: 'from' } });
  if (toMs - fromMs > MAX_DAYS * DAY_MS) {
    throw new AppError('VALIDATION', `from: a report covers at most ${MAX_DAYS} days`, {
      details: { field: 'from' },
    });
  }
  const [byDay, window, ever] = await Promise.all([
    deps.store.report.ledgerByDay({ fromMs, toMs }),
    deps.store.report.ledgerTotals({ fromMs, toMs }),
    deps.store.report.ledgerTotals({ fromMs: 0, toMs }),
  ]);

  const days: ReportDay[] = [];
  for (let ms = fromMs; ms < toMs; ms += DAY_MS) {
    days.push({ day: isoDay(ms), tokens: emptyTokens(), points: emptyPoints(), redemptions: {} });
  }
  const firstDay = fromMs / DAY_MS;
  for (const r of byDay) {
    const day = r.day === null ? undefined : days[r.day - firstDay];
    if (day) addRow(day, r);
  }
  const channels = [
    ...new Set(window.filter((r) => r.figure === 'spent' && r.channel).map((r) => r.channel ?? '')),
  ];
  return {
    from: isoDay(fromMs),
    to: isoDay(toMs - DAY_MS),
    days,
    channels: channels.sort(),
    totals: {
      tokens: totalsOf(window, ever, 'tokens'),
      points: totalsOf(window, ever, 'points'),
      redemptions: window.filter((r) => r.figure === 'spent').reduce((n, r) => n + r.count, 0),
    },
  };
}
