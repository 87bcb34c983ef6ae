/** The app's own record of tokens it gave for partner facts (visits, orders): what to cap and take back. */

export interface VisitCredit {
  memberId: string;
  /** `YYYY-MM-DD` in the program's time zone. */
  localDay: string;
  /** 1..tokens-per-day: the unique (member, day, slot) is the daily cap. */
  slot: number;
  source: string;
  eventId: string;
  poolId: string;
  transactionId: string | null;
  visitedAt: string;
  createdAt: string;
}

export interface VisitCreditRepo {
  findByEvent(source: string, eventId: string): Promise<VisitCredit | undefined>;
  /** Inserts unless (member, day, slot) or (source, event) is taken; true when inserted. */
  claimSlot(credit: VisitCredit): Promise<boolean>;
  setTransaction(source: string, eventId: string, transactionId: string): Promise<void>;
  /** Frees a slot whose token could not be given (the program had ended). */
  remove(source: string, eventId: string): Promise<void>;
  countForDay(memberId: string, localDay: string): Promise<number>;
}

/**
 * One order's tokens. `issuing` → `issued` → `reversing` → `reversed`; a refund that arrives first leaves a
 * `reversed` row with nothing issued, so a late payment gives nothing.
 */
export type OrderCreditStatus = 'issuing' | 'issued' | 'reversing' | 'reversed';

export interface OrderCredit {
  source: string;
  orderId: string;
  /** Null for a refund that arrived before its payment and named no member. */
  memberId: string | null;
  poolId: string | null;
  status: OrderCreditStatus;
  /** Decimal text as the partner sent it, with its currency. */
  amount: string;
  currency: string;
  tokensIssued: number;
  issueTransactionId: string | null;
  /** Decided before the debit, so a retry after a crash takes back the same number. */
  tokensToReverse: number | null;
  tokensReversed: number;
  /** Tokens the order gave that were already spent when it was refunded. */
  shortfall: number;
  reverseTransactionId: string | null;
  /** Loyalty points the order earned (when orders earn points), taken back on refund like tokens. */
  pointsIssued: number;
  pointsReversed: number;
  pointsShortfall: number;
  createdAt: string;
  updatedAt: string;
}

export interface OrderCreditRepo {
  get(source: string, orderId: string): Promise<OrderCredit | undefined>;
  /** Inserts unless the order already has a row; true when inserted. */
  insert(credit: OrderCredit): Promise<boolean>;
  /** Moves the row on only from `from` (compare-and-set); the updated row, or undefined if it had moved. */
  update(
    source: string,
    orderId: string,
    from: OrderCreditStatus,
    patch: Partial<Omit<OrderCredit, 'source' | 'orderId' | 'createdAt'>>,
  ): Promise<OrderCredit | undefined>;
}
