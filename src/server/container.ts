import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { webhookRoutes } from '../../webhooks';
import { bonifiqRoutes } from '../adapters/bonifiq';
import { type Clock, systemClock } from '../core/clock';
import type { CoreDeps } from '../core/deps';
import type { Store } from '../core/ports/store';
import { createEmulator, type Emulator } from '../emulator/app';
import { createWixEventSigner, type WixEventSigner } from '../emulator/events';
import { createStore } from '../store';
import { createWixClients, type WixClients, type WixTarget } from '../wix/clients';
import { createWixEventVerifier } from '../wix/event-verifier';
import { WIX_LOYALTY_APP_ID } from '../wix/loyalty-gateway';
import { type ProgramSetup, setUpProgram } from '../wix/program-setup';
import { createApp } from './app';
import { syncCatalog } from './catalog-sync';
import { coreDepsFor } from './core-deps';
import type { Config } from './env';
import { buildExpys, type ExpysSurface } from './expys';
import { errorResponse } from './http-errors';
import type { AppLogger } from './logger';
import { loadProgramConfig, type ProgramConfig } from './program-config';
import { type CallerVerifier, createCallerVerifier } from './wix-callers';

export interface Overrides {
  clock?: Clock;
  /** A local Wix built by the caller (tests keep it in memory). */
  emulator?: Emulator;
  store?: Store;
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
  if (config.database.kind === 'sqlite' || config.wix.mode === 'emulator')
    mkdirSync(config.dataDir, { recursive: true });
  const store =
    overrides.store ??
    (await createStore(
      config.database.kind === 'postgres'
        ? { databaseUrl: config.database.url }
        : { sqliteFile: config.database.file },
    ));
  const emulator =
    config.wix.mode === 'emulator'
      ? (overrides.emulator ?? createEmulator({ file: config.wix.file, clock }))
      : null;
  // The embedded local Wix is reached like Wix: as its registered app, through its in-process fetch.
  const target: WixTarget = emulator
    ? { kind: 'app', ...emulator.credentials, fetch: emulator.fetch }
    : targetOf(config);
  const wix = createWixClients(target, { registerContext: true });

  const program = loadProgramConfig(config.programConfigPath);
  // Several instances may boot at once: one sets the program up, the others find it.
  const setup = await onlyOneAtATime(store, clock, 'program-setup', () => setUpProgram(wix.elevate, program));
  await syncCatalog(store.catalog, program, setup, clock);

  const deps = coreDepsFor({
    store,
    wix,
    program,
    setup,
    clock,
    log,
    idempotencyLeaseMs: config.idempotencyLeaseMs,
    // Points this app gives are recorded as given by the app itself, or by the Loyalty app outside one.
    loyaltyAppId: config.wix.mode === 'app' && target.kind === 'app' ? target.appId : WIX_LOYALTY_APP_ID,
  });
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
  const expys = buildExpys(config, deps, program);
  const app = createApp({
    deps,
    log,
    callers,
    info: { wix: config.wix.mode, database: config.database.kind },
    mounts: {
      ...(emulator ? { '/_wix': emulator.app } : {}),
      '/webhooks': webhooks,
      '/expys': expys.app,
      '/bonifiq': bonifiqRoutes({
        ...deps,
        tokens: { ...program.tokens, ...config.tokens },
        pointOfSale: program.pointOfSale,
      }),
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

async function onlyOneAtATime<T>(store: Store, clock: Clock, name: string, fn: () => Promise<T>): Promise<T> {
  const owner = randomBytes(9).toString('base64url');
  const deadline = Date.now() + 60_000;
  while (!(await store.locks.tryAcquire(name, owner, clock.now(), 120_000))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${name}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await fn();
  } finally {
    await store.locks.release(name, owner);
  }
}
