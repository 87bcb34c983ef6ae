/** A one-time code proving a PoS customer is present before their points are spent (BonifiQ's challenge). */
export interface CustomerChallenge {
  integration: string;
  memberId: string;
  /** The PoS's id of the sale the challenge is for. */
  transactionId: string;
  /** sha256 of the code: the code itself is never stored. */
  codeHash: string;
  expiresAt: string;
  attempts: number;
  validatedAt: string | null;
  createdAt: string;
}

/** A code the local sender delivered: the inbox a developer reads (`npm run integration -- challenge-code`). */
export interface LocalCode {
  integration: string;
  memberId: string;
  /** The customer id the PoS used (email or document). */
  customer: string;
  code: string;
  expiresAt: string;
  createdAt: string;
}

export interface ChallengeRepo {
  /** Whether the integration's PoS must validate a customer before a redeem (off when never set). */
  shouldValidate(integration: string): Promise<boolean>;
  setShouldValidate(integration: string, on: boolean, now: Date): Promise<void>;
  /** Starts (or restarts, with a new code and no attempts) the challenge of a sale. */
  save(challenge: CustomerChallenge): Promise<void>;
  get(integration: string, memberId: string, transactionId: string): Promise<CustomerChallenge | undefined>;
  /** Counts a wrong code only if `attempts` is still what the caller read; false when someone else counted. */
  countAttempt(challenge: CustomerChallenge): Promise<boolean>;
  markValidated(challenge: CustomerChallenge, at: Date): Promise<void>;
  /** When the customer last passed a challenge at this integration. */
  lastValidated(integration: string, memberId: string): Promise<string | undefined>;
  keepLocalCode(code: LocalCode): Promise<void>;
  /** The newest code the local sender delivered for the integration (for that customer, when named). */
  latestLocalCode(integration: string, customer?: string): Promise<LocalCode | undefined>;
}

/** How a code reaches the customer (SMS, email; locally: the server log and the local inbox). */
export interface ChallengeSender {
  send(message: {
    integration: string;
    memberId: string;
    customer: string;
    email: string | null;
    phone: string | null;
    code: string;
    expiresAt: string;
  }): Promise<{ bySms: boolean; byEmail: boolean }>;
}
