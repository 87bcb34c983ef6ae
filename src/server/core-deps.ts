import type { Clock } from '../core/clock';
import { type CoreDeps, defaultCoreSettings } from '../core/deps';
import { timeOrderedIds } from '../core/ids';
import type { Logger } from '../core/ports/logger';
import type { Store } from '../core/ports/store';
import { createBenefitProgramsGateway } from '../wix/benefit-programs-gateway';
import type { WixClients } from '../wix/clients';
import { createLoyaltyGateway } from '../wix/loyalty-gateway';
import type { ProgramSetup } from '../wix/program-setup';
import { createSiteMembersGateway } from '../wix/site-members-gateway';
import type { Config } from './env';
import type { ProgramConfig } from './program-config';

/** The use cases' dependencies over one Wix (the configured one, or the Expys sandbox's). */
export function coreDepsFor(parts: {
  store: Store;
  wix: WixClients;
  program: ProgramConfig;
  setup: ProgramSetup;
  clock: Clock;
  log: Logger;
  /** Lease lengths and the Wix call deadline. */
  leases: Pick<Config, 'idempotencyLeaseMs' | 'memberLockLeaseMs' | 'wixCallTimeoutMs'>;
  /** Whom Wix Loyalty records as giving the points this app gives. */
  loyaltyAppId: string;
}): CoreDeps {
  const { wix, program } = parts;
  return {
    store: parts.store,
    benefits: createBenefitProgramsGateway(wix.elevate, program.namespace),
    loyalty: createLoyaltyGateway(wix.elevate, { appId: parts.loyaltyAppId }),
    siteMembers: createSiteMembersGateway(wix.elevate),
    program: {
      namespace: program.namespace,
      programDefinitionId: parts.setup.programDefinitionId,
      providerAppId: program.providerAppId,
    },
    clock: parts.clock,
    ids: timeOrderedIds,
    log: parts.log,
    settings: {
      ...defaultCoreSettings,
      idempotencyLeaseMs: parts.leases.idempotencyLeaseMs,
      lockLeaseMs: parts.leases.memberLockLeaseMs,
      wixCallTimeoutMs: parts.leases.wixCallTimeoutMs,
    },
  };
}
