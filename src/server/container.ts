import { join } from 'node:path';
import { Hono } from 'hono';
import { webhookRoutes } from '../../webhooks';
import { type Clock, systemClock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import { withLease } from '../core/lease';
import type { ResolveHost } from '../core/outbound/addresses';
import type { Store } from '../core/ports/store';
import { createEmulator, type Emulator } from '../emulator/app';
import { createWixEventSigner, type WixEventSigner } from '../emulator/events';
import { bonifiqApi } from '../partners/bonifiq';
import { counterRewards } from '../partners/bonifiq/use-cases/counter-catalog';
import { createStore } from '../store';
import { createWixClients, type WixClients, type WixTarget } from '../wix/clients';
import { createWixEventVerifier } from '../wix/event-verifier';
import { WIX_LOYALTY_APP_ID } from '../wix/loyalty-gateway';
import { type ProgramSetup, setUpProgram } from '../wix/program-setup';
import { createApp } from './app';
import { syncCatalog } from './catalog-sync';
import { localChallengeSender } from './challenge-sender';
import { coreDepsFor } from './core-deps';
import { dashboardPage } from './dashboard-page';
import { dataEncryptionKey, securePrivateDir } from './data-dir';
import { keepsStateInDataDir } from './data-folder';
import type { Config } from './env';
import { buildExpys, type ExpysSurface } from './expys';
import { errorResponse } from './http-errors';
import { localAdminRoutes } from './local-admin';
import type { AppLogger } from './logger';
import { loadProgramConfig, type ProgramConfig } from './program-config';
import { type CallerVerifier, createCallerVerifier } from './wix-callers';

export interface Overrides {
  clock?: Clock;
  /** A local Wix built by the caller (tests keep it in memory). */
  emulator?: Emulator;
  store?: Store;
  /** Resolves live webhook hosts (DNS by default). */
  resolveHost?: ResolveHost;
}

export interface Running {
  app: ReturnType<typeof createApp>;
  deps: CoreDeps;
  config: Config;
  program: ProgramConfig;
  setup: ProgramSetup;
  wix: WixClients;
  /** The embedded local Wix, in emulator mode. */
  emulator: Emulator | null;
  /** Checks the Wix access tokens web methods are called with; null in API-key mode (no app instance). */
  callers: CallerVerifier | null;
  /** The local Wix's event signer (emulator modes): what Wix's own webhooks are verified against. */
  wixEvents: WixEventSigner | null;
  /** The Expys-style API: its environments and outbound webhook outbox (`deliverDue`). */
  expys: ExpysSurface;
  close(): Promise<void>;
}

/** The composition root: the only place concrete parts meet. */
export async function buildApp(config: Config, log: AppLogger, overrides: Overrides = {}): Promise<Running> {
  const clock = overrides.clock ?? systemClock;
  securePrivateDir(config.dataDir);
  const secretKey = dataEncryptionKey(config);
  const store =
    overrides.store ??
    (await createStore(
      config.database.kind === 'postgres'
        ? { databaseUrl: config.database.url, secretKey }
        : { sqliteFile: config.database.file, secretKey },
    ));
  const emulator =
    config.wix.mode === 'emulator'
      ? (overrides.emulator ??
        createEmulator({ file: config.wix.file, clock, latency: config.localWixLatency }))
      : null;
  // The embedded local Wix is reached like Wix: as its registered app, through its in-process fetch.
  const target: WixTarget = emulator
    ? { kind: 'app', ...emulator.credentials, fetch: emulator.fetch }
    : targetOf(config);
  const wix = createWixClients(target, { registerContext: true, callTimeoutMs: config.wixCallTimeoutMs });

  const program = loadProgramConfig(config.programConfigPath);
  // Several instances may boot at once: one sets the program up, the others find it.
  const setup = await withLease(
    { store, clock, log, settings: { wixCallTimeoutMs: config.wixCallTimeoutMs } },
    'program-setup',
    { leaseMs: 120_000, waitMs: 60_000, busy: () => new Error('Timed out waiting for program-setup') },
    () => setUpProgram(wix.elevate, program),
  );
  await syncCatalog(store.catalog, program, setup, clock);

  const deps = coreDepsFor({
    store,
    wix,
    program,
    setup,
    clock,
    log,
    leases: config,
    // Points this app gives are recorded as given by the app itself, or by the Loyalty app outside one.
    loyaltyAppId: config.wix.mode === 'app' && target.kind === 'app' ? target.appId : WIX_LOYALTY_APP_ID,
  });
  // A PoS may redeem a reward by its id before it ever asked for the available rewards: number them now.
  await counterRewards(deps);
  const localWix = config.wix.mode === 'emulator' || config.wix.mode === 'remote-emulator';
  const callers =
    target.kind === 'app'
      ? createCallerVerifier({
          fetch: wix.fetch,
          instanceId: target.instanceId,
          cacheTtlMs: config.tokenInfoCacheMs,
        })
      : null;
  // With a local Wix its key pair (kept under DATA_DIR, so `npm run send` signs alike) stands in for Wix's.
  const wixEvents = localWix
    ? await createWixEventSigner({ file: join(config.dataDir, 'local-wix-events.json') })
    : null;
  const wixEventKey = wixEvents
    ? { appId: wixEvents.appId, publicKey: wixEvents.publicKey }
    : config.wixEvents;
  const webhooks = webhookRoutes(
    {
      ...deps,
      tokens: { ...program.tokens, ...config.tokens },
      wixEvents: wixEventKey ? createWixEventVerifier(wixEventKey) : null,
    },
    errorResponse,
  );
  const expys = buildExpys(config, deps, program, overrides.resolveHost);
  // The data folder's owner runs the CLIs' commands for them, for a staff token of its Wix.
  const ownsDataFolder = callers !== null && keepsStateInDataDir(config);
  const app = createApp({
    deps,
    log,
    callers,
    info: { wix: config.wix.mode, database: config.database.kind },
    mounts: {
      ...(emulator ? { '/_wix': emulator.app } : {}),
      ...(ownsDataFolder ? { '/_local': localAdminRoutes({ callers, deps, program, wix, localWix }) } : {}),
      ...(localWix ? { '/dashboard': dashboardPage() } : {}),
      '/webhooks': webhooks,
      '/expys': expys.app,
      '/bonifiq': new Hono().route(
        '/',
        bonifiqApi({
          ...deps,
          tokens: { ...program.tokens, ...config.tokens },
          pointOfSale: program.pointOfSale,
          challengeSender: localChallengeSender(store, log, clock),
        }),
      ),
    },
  });

  return {
    app,
    deps,
    config,
    program,
    setup,
    wix,
    emulator,
    callers,
    wixEvents,
    expys,
    close: async () => {
      await expys.close();
      await store.close();
      wix.close();
      emulator?.close();
    },
  };
}

function targetOf(config: Config): WixTarget {
  if (config.wix.mode === 'emulator') throw new Error('unreachable: emulator mode has no remote target');
  return config.wix.target;
}
