import type { Currency, Redemption, RedemptionEvent, RedemptionStatus } from '../redemption';
import type { AdjustmentRepo } from './adjustments';
import type { ChallengeRepo } from './challenges';
import type { InboundEventRepo } from './inbound-events';
import type { IntegrationRepo } from './integrations';
import type { LeaseRepo } from './leases';
import type { OutboxRepo } from './outbox';
import type { PartnerProfileRepo } from './partner-profiles';
import type { PartnerCreditRepo, RedemptionFeedbackRepo, TermsAcceptanceRepo } from './partner-records';
import type { CounterRepo } from './pos';
import type { ReportRepo } from './report';
import type { OrderCreditRepo, VisitCreditRepo } from './token-credits';

// ---------------------------------------------------------------- idempotency

export interface KeyRequest {
  /** (surface, integration or caller), e.g. `web:member:m_1`, `expys:acme-live`. */
  scope: string;
  key: string;
  /** Hash of the canonical request; another request under the same key is refused. */
  fingerprint: string;
  now: Date;
}

/** The outcome stored for a finished key and replayed byte for byte. */
export interface StoredOutcome {
  ok: boolean;
  /** JSON text of the result (ok) or of the error `{code, message, details?}`. */
  body: string;
}

export type KeyState =
  | { kind: 'running' }
  | { kind: 'completed'; outcome: StoredOutcome }
  | { kind: 'mismatch' };

/** Idempotency keys with their request fingerprint and outcome; who works on one is a lease (lease.ts). */
export interface IdempotencyRepo {
  /** Records the key as running if it is new, and says what it is: running, completed, or another request's. */
  open(request: KeyRequest): Promise<KeyState>;
  /** What the key is now, recording nothing (a key that is not there reads as running). */
  read(request: KeyRequest): Promise<KeyState>;
  /** Stores the outcome of a running key; false when it was already completed. */
  complete(scope: string, key: string, outcome: StoredOutcome, now: Date): Promise<boolean>;
  /** Deletes finished keys created before `before` (keys live at least 24 h). */
  purgeCompletedBefore(before: Date): Promise<number>;
}

// ---------------------------------------------------------------- redemptions

export interface RedemptionFilter {
  memberId?: string;
  status?: RedemptionStatus;
  channel?: string;
  /** Created at or after this instant (ISO). */
  createdFrom?: string;
  /** Created before this instant (ISO). */
  createdBefore?: string;
  /** Max items, 1..100. */
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string | null;
}

export interface RedemptionPage {
  items: Redemption[];
  /** Null at the end. Newest first. */
  nextCursor: string | null;
}

export interface RedemptionRepo {
  /** Inserts a new redemption with its first status event. */
  insert(redemption: Redemption, event: RedemptionEvent): Promise<void>;
  get(id: string): Promise<Redemption | undefined>;
  findByExternalCode(externalCode: string): Promise<Redemption | undefined>;
  list(filter: RedemptionFilter): Promise<RedemptionPage>;
  /**
   * Moves a redemption to `event.status` only if its current status is one of `from` (compare-and-set),
   * merging `patch` into it and appending the event. A redemption being canceled only moves to CANCELED
   * (which clears the mark). Returns the updated redemption, or undefined if the
   * status had already moved on (someone else won).
   */
  transition(
    id: string,
    from: readonly RedemptionStatus[],
    patch: Partial<Pick<Redemption, 'canceledReason' | 'canceledNote' | 'wix' | 'externalCode'>>,
    event: RedemptionEvent,
  ): Promise<Redemption | undefined>;
  events(id: string): Promise<RedemptionEvent[]>;
  /**
   * Marks a redemption whose status is one of `from` as being canceled (a retried cancel finds it marked);
   * while marked, `transition` moves it nowhere but to CANCELED. Undefined when its status moved on.
   */
  beginCancel(id: string, from: readonly RedemptionStatus[], at: Date): Promise<Redemption | undefined>;
  /** Unmarks it: the refund was refused for good, the redemption stays what it was. */
  abortCancel(id: string): Promise<void>;
  /** How many redemptions of the member in the channel are in each status (absent statuses: none). */
  countByStatus(filter: {
    memberId: string;
    channel: string;
  }): Promise<Partial<Record<RedemptionStatus, number>>>;
}

// ---------------------------------------------------------------- member directory

export interface MemberRecord {
  memberId: string;
  contactId: string | null;
  email: string | null;
  /** CPF/CNPJ digits, when a partner identifies customers by document. */
  document: string | null;
  createdAt: string;
}

export interface MemberRepo {
  /** Inserts or updates (non-null fields win) the member. */
  upsert(member: MemberRecord): Promise<void>;
  get(memberId: string): Promise<MemberRecord | undefined>;
  /** Emails and documents are stored and compared normalized (members/normalize.ts). */
  findByEmail(email: string): Promise<MemberRecord | undefined>;
  findByDocument(document: string): Promise<MemberRecord | undefined>;
  /** Links an integration's external user id to a member; relinking the same pair is a no-op. */
  link(integration: string, externalId: string, memberId: string): Promise<void>;
  unlink(integration: string, externalId: string): Promise<boolean>;
  resolveLink(integration: string, externalId: string): Promise<string | undefined>;
  /** The integration's id for a member (the first, if it linked several). */
  externalIdOf(integration: string, memberId: string): Promise<string | undefined>;
}

// ---------------------------------------------------------------- program enrollments

export interface Enrollment {
  memberId: string;
  programDefinitionId: string;
  programId: string;
  /** The member's pool in the program, cached so visits need no pool query. */
  poolId: string | null;
  loyaltyAccountId: string | null;
  enrolledAt: string;
  status: 'ACTIVE' | 'ENDED';
  /** Renewal cycles already done (the renew sweep's progress). */
  cyclesRenewed: number;
}

export interface EnrollmentRepo {
  upsert(enrollment: Enrollment): Promise<void>;
  get(memberId: string): Promise<Enrollment | undefined>;
  listActive(limit: number, afterMemberId?: string | null): Promise<Enrollment[]>;
}

// ---------------------------------------------------------------- catalog

export interface CatalogEntry {
  id: string;
  title: string;
  description: string | null;
  currency: Currency;
  /** Price per unit in the entry's currency. */
  price: number;
  benefit: { externalId: string; providerAppId: string; benefitKey: string } | null;
  reward: { rewardId: string } | null;
  /** A product-discount reward's product (spent at the point of sale); absent for the others. */
  product?: ProductDiscount | null;
  /**
   * A member may book it again while an earlier booking stands. Not repeatable (the default): a second
   * booking is ALREADY_REDEEMED until the first is canceled (Expys' one booking per member and offer).
   */
  repeatable: boolean;
  /** Units left, or null for unlimited. */
  stock: number | null;
  active: boolean;
  updatedAt: string;
}

/** One unit of a product at a discount: percent off, a final price, free, or an amount off. */
export interface ProductDiscount {
  externalId: string;
  name: string;
  mode: 'percent' | 'finalPrice' | 'freeGift' | 'amountOff';
  value: number;
}

export interface CatalogRepo {
  upsert(entry: CatalogEntry): Promise<void>;
  get(id: string): Promise<CatalogEntry | undefined>;
  findByBenefitExternalId(externalId: string): Promise<CatalogEntry | undefined>;
  findByRewardId(rewardId: string): Promise<CatalogEntry | undefined>;
  list(filter: { currency?: Currency; limit: number; cursor?: string | null }): Promise<{
    items: CatalogEntry[];
    nextCursor: string | null;
  }>;
}

// ---------------------------------------------------------------- the store

export interface StoreRepos {
  idempotency: IdempotencyRepo;
  redemptions: RedemptionRepo;
  members: MemberRepo;
  enrollments: EnrollmentRepo;
  catalog: CatalogRepo;
  leases: LeaseRepo;
  integrations: IntegrationRepo;
  inboundEvents: InboundEventRepo;
  visitCredits: VisitCreditRepo;
  orderCredits: OrderCreditRepo;
  /** Outbound webhooks: partner endpoints and the delivery outbox. */
  outbox: OutboxRepo;
  partnerProfiles: PartnerProfileRepo;
  /** Point-of-sale bookkeeping (BonifiQ-style PoS). */
  counter: CounterRepo;
  /** Point-of-sale customer challenges (one-time codes) and whether an integration requires them. */
  challenges: ChallengeRepo;
  /** What partners did through their API: credits minted, feedback given, terms accepted. */
  partnerCredits: PartnerCreditRepo;
  redemptionFeedback: RedemptionFeedbackRepo;
  termsAcceptances: TermsAcceptanceRepo;
  /** Hand-made balance changes (staff adjustments, welcome gifts). */
  adjustments: AdjustmentRepo;
  /** The program's ledger, summed from the tables above. */
  report: ReportRepo;
}

export interface Store extends StoreRepos {
  /** Runs `fn` in one database transaction: all its writes land together or not at all. */
  transaction<T>(fn: (tx: StoreRepos) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
