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
  /** Null once released or completed. */
  owner: string | null;
  lease_expires_at: number | null;
  /** 1 on first claim, +1 per takeover: tells a fresh claim from a resumed one in one statement. */
  attempt: number;
  outcome_ok: number | null;
  outcome_body: string | null;
  created_at: number;
  completed_at: number | null;
}

export interface LocksTable {
  name: string;
  owner: string;
  expires_at: number;
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
  stock: number | null;
  active: number;
  updated_at: number;
}

export interface DB {
  idempotency_keys: IdempotencyKeysTable;
  locks: LocksTable;
  redemptions: RedemptionsTable;
  redemption_events: RedemptionEventsTable;
  members: MembersTable;
  member_links: MemberLinksTable;
  program_enrollments: ProgramEnrollmentsTable;
  catalog_entries: CatalogEntriesTable;
}
