import { join } from 'node:path';
import { adjustTokens } from '../core/benefits/adjust-tokens';
import type { Clock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import { earnPoints } from '../core/loyalty/earn-points';
import { enrollMember } from '../core/members/enroll-member';
import type { Logger } from '../core/ports/logger';
import { createEmulator } from '../emulator/app';
import { addSiteMember } from '../emulator/members/site-members';
import { createStore } from '../store';
import { createWixClients } from '../wix/clients';
import { WIX_LOYALTY_APP_ID } from '../wix/loyalty-gateway';
import { setUpProgram } from '../wix/program-setup';
import { syncCatalog } from './catalog-sync';
import { coreDepsFor } from './core-deps';
import { dataEncryptionKey, securePrivateDir } from './data-dir';
import type { Config } from './env';
import type { ProgramConfig } from './program-config';

/** The site members every sandbox starts with, and what they hold the first time. */
export const SANDBOX_MEMBERS = [
  { id: 'sandbox-alice', email: 'alice@sandbox.example', name: 'Alice Sandbox' },
  { id: 'sandbox-bob', email: 'bob@sandbox.example', name: 'Bob Sandbox' },
  { id: 'sandbox-carol', email: 'carol@sandbox.example', name: 'Carol Sandbox' },
] as const;
export const SANDBOX_TOKENS = 60;
export const SANDBOX_POINTS = 1000;

/** The sandbox's files under DATA_DIR (file storage). */
export const sandboxFiles = (dataDir: string) => ({
  wix: join(dataDir, 'sandbox-wix.sqlite'),
  store: join(dataDir, 'sandbox.sqlite'),
});

export interface Sandbox {
  deps: CoreDeps;
  close(): Promise<void>;
}

/**
 * The sandbox environment: a core of its own over its own local Wix (same program, demo members) and its
 * own store, so sandbox keys never see live data nor live keys sandbox data. Its Wix clients are bound to
 * its own local Wix, not registered as the process-wide Wix context (that one is live's). One per server
 * instance: files under DATA_DIR (or memory).
 */
export async function buildSandbox(config: Config, log: Logger, clock: Clock, program: ProgramConfig) {
  const inMemory = config.expys.sandboxStorage === 'memory';
  if (!inMemory) securePrivateDir(config.dataDir);
  const files = sandboxFiles(config.dataDir);
  const emulator = createEmulator({ clock, ...(inMemory ? {} : { file: files.wix }) });
  const store = await createStore(
    inMemory ? { sqliteFile: ':memory:' } : { sqliteFile: files.store, secretKey: dataEncryptionKey(config) },
  );
  const wix = createWixClients(
    { kind: 'app', ...emulator.credentials, fetch: emulator.fetch },
    { callTimeoutMs: config.wixCallTimeoutMs },
  );
  const setup = await setUpProgram(wix.elevate, program);
  await syncCatalog(store.catalog, program, setup, clock);
  const deps = coreDepsFor({
    store,
    wix,
    program,
    setup,
    clock,
    log,
    leases: config,
    loyaltyAppId: WIX_LOYALTY_APP_ID,
  });
  for (const member of SANDBOX_MEMBERS) {
    addSiteMember({ store: emulator.store, clock }, member);
    await enrollMember(deps, { memberId: member.id });
    await adjustTokens(deps, {
      memberId: member.id,
      amount: SANDBOX_TOKENS,
      reason: 'sandbox demo tokens',
      idempotencyKey: `sandbox-seed-tokens-${member.id}`,
      actor: { kind: 'system' },
    });
    await earnPoints(deps, {
      memberId: member.id,
      amount: SANDBOX_POINTS,
      reason: 'sandbox demo points',
      idempotencyKey: `sandbox-seed-points-${member.id}`,
    });
  }
  return {
    deps,
    close: async () => {
      await store.close();
      wix.close();
      emulator.close();
    },
  } satisfies Sandbox;
}
