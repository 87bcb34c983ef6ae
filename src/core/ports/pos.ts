/** What the point of sale (BonifiQ-style PoS API) keeps beside the redemptions themselves. */

/** The cart a PoS last asked about for a customer: the latest quote wins (BonifiQ's rule). */
export interface CounterQuote {
  integration: string;
  memberId: string;
  /** Gross purchase, in cents. */
  purchaseCents: number;
  /** Discounts from elsewhere, in cents. */
  discountCents: number;
  quotedAt: string;
}

/** A redemption made for one purchase (the PoS named it): one reward per purchase. */
export interface CounterPurchase {
  integration: string;
  memberId: string;
  purchaseId: string;
  redemptionId: string;
  createdAt: string;
}

export interface CounterRepo {
  /**
   * The number a PoS sees for `ref` within `scope` (PoS ids are int32): allocated on first use, the same
   * ever after. Scopes: `reward` (catalog entries), `redeem:<integration>` (redemptions), …
   */
  numberOf(scope: string, ref: string, now: Date): Promise<number>;
  /** The ref a number stands for in `scope`. */
  refOf(scope: string, number: number): Promise<string | undefined>;
  saveQuote(quote: CounterQuote): Promise<void>;
  getQuote(integration: string, memberId: string): Promise<CounterQuote | undefined>;
  addPurchase(purchase: CounterPurchase): Promise<void>;
  /** Redemption ids recorded for that purchase, oldest first. */
  purchaseRedemptions(integration: string, memberId: string, purchaseId: string): Promise<string[]>;
}
