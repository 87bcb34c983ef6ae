import type { ColumnType } from 'kysely';

/**
 * Row types of the store's tables, shared by both dialects.
 * Timestamps are epoch milliseconds (bigint on PostgreSQL, read back as numbers); booleans are 0/1;
 * nested objects are JSON text.
 */

export interface IdempotencyKeysTable {
  scope: string;
  idem_key: string;
  fingerprint: string;
  status: 'running' | 'completed';
  outcome_ok: number | null;
  outcome_body: string | null;
  created_at: number;
  completed_at: number | null;
}

/** One row per live claim of the lease engine (src/core/lease.ts). */
export interface LeasesTable {
  name: string;
  /** Null once released. */
  owner: string | null;
  /** 1 on the first claim, +1 per takeover: fences a stale holder and tells a resumed claim. */
  fence: number;
  expires_at: number | null;
  /** When the holder's latest Wix call started: a taker waits until that call's deadline has passed. */
  wix_call_at: number | null;
}

export interface RedemptionsTable {
  id: string;
  member_id: string;
  channel: string;
  offer_json: string;
  count: number;
  price: number;
  currency: string;
  status: string;
  canceled_reason: string | null;
  canceled_note: string | null;
  wix_json: string;
  external_code: string | null;
  /** Set while a cancel refunds it: nothing else may move it meanwhile. */
  canceling_at: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: number;
  updated_at: number;
}

export interface RedemptionEventsTable {
  redemption_id: string;
  /** 1-based order within the redemption; portable stand-in for an identity column. */
  seq: number;
  status: string;
  at: number;
  actor: string;
  note: string | null;
  /** When the outbox dispatcher handled it; null until then (inserts leave it out). */
  dispatched_at: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface MembersTable {
  member_id: string;
  contact_id: string | null;
  /** Lowercased, so lookups are case-insensitive on both dialects. */
  email: string | null;
  document: string | null;
  created_at: number;
}

export interface MemberLinksTable {
  integration: string;
  external_id: string;
  member_id: string;
}

export interface ProgramEnrollmentsTable {
  member_id: string;
  program_definition_id: string;
  program_id: string;
  pool_id: string | null;
  loyalty_account_id: string | null;
  enrolled_at: number;
  status: string;
  cycles_renewed: number;
}

export interface CatalogEntriesTable {
  id: string;
  title: string;
  description: string | null;
  currency: string;
  price: number;
  benefit_json: string | null;
  benefit_external_id: string | null;
  reward_json: string | null;
  reward_id: string | null;
  one_per_member: number;
  product_json: string | null;
  stock: number | null;
  active: number;
  updated_at: number;
}

export interface IntegrationsTable {
  id: string;
  name: string;
  kind: string;
  environment: string;
  currency: string;
  /** Kept in clear on purpose: HMAC verification needs the secret itself. */
  webhook_secret: string | null;
  key_id: string | null;
  /** sha256 hex of a partner API key. */
  key_hash: string | null;
  created_at: number;
}

export interface InboundEventsTable {
  source: string;
  event_id: string;
  kind: string;
  payload_hash: string;
  status: 'processing' | 'done';
  outcome_json: string | null;
  received_at: number;
  completed_at: number | null;
}

export interface VisitCreditsTable {
  member_id: string;
  local_day: string;
  slot: number;
  source: string;
  event_id: string;
  pool_id: string;
  transaction_id: string | null;
  visited_at: number;
  created_at: number;
}

export interface OrderCreditsTable {
  source: string;
  order_id: string;
  member_id: string | null;
  pool_id: string | null;
  status: string;
  amount: string;
  currency: string;
  tokens_issued: number;
  issue_transaction_id: string | null;
  tokens_to_reverse: number | null;
  tokens_reversed: number;
  shortfall: number;
  reverse_transaction_id: string | null;
  points_issued: number;
  points_reversed: number;
  points_shortfall: number;
  created_at: number;
  updated_at: number;
}

/** The numbers a point of sale sees (its ids are int32), per scope. */
export interface PosNumbersTable {
  scope: string;
  number: number;
  ref: string;
  created_at: number;
}

export interface PosQuotesTable {
  integration: string;
  member_id: string;
  purchase_cents: number;
  discount_cents: number;
  quoted_at: number;
}

export interface PosPurchasesTable {
  integration: string;
  member_id: string;
  purchase_id: string;
  redemption_id: string;
  created_at: number;
}

export interface WebhookEndpointsTable {
  id: string;
  integration: string;
  url: string;
  events_json: string;
  /** Kept in clear on purpose: signing needs the secret itself. */
  secret: string;
  created_at: number;
  disabled_at: number | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  endpoint_id: string;
  event_id: string;
  type: string;
  payload: string;
  /** Failed attempts so far. */
  attempts: number;
  /** When to try next; null once delivered or given up. */
  next_attempt_at: number | null;
  /** A worker holds the delivery until then. */
  lease_until: number | null;
  delivered_at: number | null;
  last_error: string | null;
  created_at: number;
}

export interface PartnerProfilesTable {
  integration: string;
  external_id: string;
  display_name: string | null;
  tier: string | null;
  attributes_json: string | null;
  created_at: number;
  updated_at: number;
}

export interface BalanceAdjustmentsTable {
  currency: string;
  transaction_id: string;
  member_id: string;
  amount: number;
  reason: string;
  actor: string;
  created_at: number;
}

export interface DB {
  idempotency_keys: IdempotencyKeysTable;
  leases: LeasesTable;
  redemptions: RedemptionsTable;
  redemption_events: RedemptionEventsTable;
  members: MembersTable;
  member_links: MemberLinksTable;
  program_enrollments: ProgramEnrollmentsTable;
  catalog_entries: CatalogEntriesTable;
  integrations: IntegrationsTable;
  inbound_events: InboundEventsTable;
  visit_credits: VisitCreditsTable;
  order_credits: OrderCreditsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  partner_profiles: PartnerProfilesTable;
  pos_numbers: PosNumbersTable;
  pos_quotes: PosQuotesTable;
  pos_purchases: PosPurchasesTable;
  pos_settings: PosSettingsTable;
  pos_challenges: PosChallengesTable;
  pos_local_codes: PosLocalCodesTable;
  expys_terms_acceptances: ExpysTermsAcceptancesTable;
  redemption_feedback: RedemptionFeedbackTable;
  partner_credits: PartnerCreditsTable;
  balance_adjustments: BalanceAdjustmentsTable;
}

export interface PartnerCreditsTable {
  integration: string;
  transaction_id: string;
  member_id: string;
  amount: number;
  created_at: number;
}

export interface PosSettingsTable {
  integration: string;
  should_validate_customer: number;
  updated_at: number;
}

export interface PosChallengesTable {
  integration: string;
  member_id: string;
  transaction_id: string;
  code_hash: string;
  expires_at: number;
  attempts: number;
  validated_at: number | null;
  created_at: number;
}

export interface PosLocalCodesTable {
  integration: string;
  member_id: string;
  customer: string;
  code: string;
  expires_at: number;
  created_at: number;
}

export interface ExpysTermsAcceptancesTable {
  integration: string;
  external_id: string;
  version: string;
  accepted_at: number;
}

export interface RedemptionFeedbackTable {
  redemption_id: string;
  rating: number;
  comment: string | null;
  submitted_at: number;
}
