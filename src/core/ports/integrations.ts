import type { Currency } from '../redemption';

/**
 * A partner system the app talks to: a webhook source (signs what it sends us), or a partner API caller
 * (Expys-style org keys, BonifiQ-style token:key). One table and one CLI for all of them.
 */
export type IntegrationKind = 'webhook' | 'expys' | 'bonifiq';
export const integrationKinds: readonly IntegrationKind[] = ['webhook', 'expys', 'bonifiq'];

export interface Integration {
  id: string;
  /** Unique, URL-safe: the `<source>` of `/webhooks/<source>/<kind>` and the member-link namespace. */
  name: string;
  kind: IntegrationKind;
  environment: 'live' | 'sandbox';
  /** Which catalog entries a partner API sees. */
  currency: Currency;
  /**
   * Standard Webhooks secret (`whsec_…`). Stored retrievably, unlike API keys: verifying an HMAC needs the
   * secret itself, so it cannot be hashed.
   */
  webhookSecret: string | null;
  /** Public half of a partner API credential (BonifiQ token, Expys key prefix), to find the row. */
  keyId: string | null;
  /** sha256 (hex) of the partner API key; compared in constant time, never stored in clear. */
  keyHash: string | null;
  createdAt: string;
}

export interface IntegrationRepo {
  /** False when the name (or key id) is taken. */
  insert(integration: Integration): Promise<boolean>;
  getByName(name: string): Promise<Integration | undefined>;
  findByKeyId(kind: IntegrationKind, keyId: string): Promise<Integration | undefined>;
  /** Oldest first. */
  list(): Promise<Integration[]>;
  remove(name: string): Promise<boolean>;
}
