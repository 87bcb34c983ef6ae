import type { Clock } from './clock';
import type { IdGenerator } from './ids';
import type { BenefitProgramsGateway } from './ports/benefit-programs';
import type { Logger } from './ports/logger';
import type { LoyaltyGateway } from './ports/loyalty';
import type { SiteMembersGateway } from './ports/site-members';
import type { Store } from './ports/store';

/** The Wix program this app runs (set up by `npm run setup`), as the use cases need it. */
export interface ProgramRef {
  namespace: string;
  programDefinitionId: string;
  /** App id of the items' provider (Wix Stores for the gym merchandise). */
  providerAppId: string;
}

export interface CoreSettings {
  /** How long an idempotency claim is held before a retry may take it over. */
  idempotencyLeaseMs: number;
  /** Lease of the per-member debit lock, and how long a caller waits for it. */
  lockLeaseMs: number;
  lockWaitMs: number;
  /** Every Wix call's deadline; shorter than every lease, so a live holder renews before its lease ends. */
  wixCallTimeoutMs: number;
}

/** Everything a use case may touch: passed in, never imported. */
export interface CoreDeps {
  store: Store;
  benefits: BenefitProgramsGateway;
  loyalty: LoyaltyGateway;
  siteMembers: SiteMembersGateway;
  program: ProgramRef;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  settings: CoreSettings;
}

export const defaultCoreSettings: CoreSettings = {
  idempotencyLeaseMs: 60_000,
  lockLeaseMs: 30_000,
  lockWaitMs: 20_000,
  wixCallTimeoutMs: 10_000,
};

/** Who asked: decides idempotency scopes and what the status history says. */
export type Actor =
  | { kind: 'member'; memberId: string }
  | { kind: 'admin'; userId: string }
  | { kind: 'integration'; name: string }
  | { kind: 'system' };

export function actorName(actor: Actor): string {
  switch (actor.kind) {
    case 'member':
      return `member:${actor.memberId}`;
    case 'admin':
      return `admin:${actor.userId}`;
    case 'integration':
      return `integration:${actor.name}`;
    case 'system':
      return 'system';
  }
}
