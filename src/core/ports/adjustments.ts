import type { Currency } from '../redemption';

/**
 * A balance change made by hand (staff adjustments, welcome gifts): the app's own record of it, so the
 * program report can count it beside visits, orders and redemptions.
 */
export interface BalanceAdjustment {
  memberId: string;
  currency: Currency;
  /** Positive: given; negative: taken away. */
  amount: number;
  reason: string;
  /** `admin:<id>`, `system`, … */
  actor: string;
  /** The Wix transaction of the change: recording it twice (a resumed attempt) keeps one row. */
  transactionId: string;
  createdAt: string;
}

export interface AdjustmentRepo {
  record(adjustment: BalanceAdjustment): Promise<void>;
}
