/** What partners did through their API, kept by the app for their reports (Expys analytics, terms, feedback). */

/** Points (or tokens) a partner minted for a member. */
export interface PartnerCredit {
  integration: string;
  /** The Wix transaction of the credit: one row per credit. */
  transactionId: string;
  memberId: string;
  amount: number;
  createdAt: string;
}

export interface PartnerCreditRepo {
  /** Records the credit; recording it again changes nothing. */
  record(credit: PartnerCredit): Promise<void>;
  /** The integration's credits, oldest first, created in [from, to) when given (at most `limit`). */
  list(integration: string, range: { from?: string; to?: string; limit: number }): Promise<PartnerCredit[]>;
}

/** A member's score (0–10) for a completed redemption. */
export interface RedemptionFeedback {
  redemptionId: string;
  rating: number;
  comment: string | null;
  submittedAt: string;
}

export interface RedemptionFeedbackRepo {
  /** Inserts or replaces the redemption's feedback. */
  save(feedback: RedemptionFeedback): Promise<void>;
  get(redemptionIds: readonly string[]): Promise<Map<string, RedemptionFeedback>>;
}

/** Which versions of the legal documents a partner's user accepted. */
export interface TermsAcceptanceRepo {
  /** Accepting a version already on file keeps its first time. */
  accept(integration: string, externalId: string, versions: readonly string[], at: string): Promise<void>;
  /** Version → when it was accepted. */
  accepted(integration: string, externalId: string): Promise<Map<string, string>>;
}
