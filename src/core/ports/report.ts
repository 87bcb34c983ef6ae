import type { Currency } from '../redemption';

/** A half-open window of epoch milliseconds `[fromMs, toMs)`. */
export interface MsRange {
  fromMs: number;
  toMs: number;
}

/**
 * One figure of the program's ledger, summed over a window, or per UTC day (`day` = days since the epoch)
 * when grouped. Each comes from the app's own records:
 * - `visit`: tokens given for gym visits (visit_credits with a Wix transaction);
 * - `order`: tokens and points given for paid orders (order_credits past `issuing`);
 * - `reversal`: tokens and points an order refund took back (order_credits `reversed`, at refund time);
 * - `adjust-in` / `adjust-out`: hand-made changes (balance_adjustments), both as positive amounts;
 * - `spent`: redemptions made (price, by currency and channel);
 * - `refunded`: redemptions canceled (their price, at cancel time).
 */
export type LedgerFigure = 'visit' | 'order' | 'reversal' | 'adjust-in' | 'adjust-out' | 'spent' | 'refunded';

export interface LedgerRow {
  figure: LedgerFigure;
  currency: Currency;
  /** Redemptions only: where they came from. */
  channel: string | null;
  /** Days since the epoch (UTC) when grouped by day; null for a window total. */
  day: number | null;
  amount: number;
  count: number;
}

export interface ReportRepo {
  /** Every figure in the window, one row per (figure, currency, channel, day). */
  ledgerByDay(range: MsRange): Promise<LedgerRow[]>;
  /** Every figure in the window, summed (one row per figure, currency, channel). */
  ledgerTotals(range: MsRange): Promise<LedgerRow[]>;
}
