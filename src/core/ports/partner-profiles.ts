/** What a partner told us about one of its users (Expys-style member profiles), beside the member link. */
export interface PartnerProfile {
  integration: string;
  externalId: string;
  displayName: string | null;
  /** Free-form, the partner's own tiers. */
  tier: string | null;
  /** Free JSON the partner attached. */
  attributes: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
}

export interface PartnerProfileRepo {
  /** Inserts or replaces the profile (the first `createdAt` is kept). */
  save(profile: PartnerProfile): Promise<void>;
  get(integration: string, externalId: string): Promise<PartnerProfile | undefined>;
  remove(integration: string, externalId: string): Promise<boolean>;
  /** The integration's users, newest first (keyset cursor); only one tier's when `tier` is given. */
  list(
    integration: string,
    filter: { limit: number; cursor?: string | null; tier?: string },
  ): Promise<{ items: PartnerProfile[]; nextCursor: string | null }>;
}
