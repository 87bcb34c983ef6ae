import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type Clock, systemClock } from '../core/clock';
import type { AppCredentials } from '../wix/clients';
import { requireCredential } from './auth/guard';
import { generateLocalApp, type LocalApp, loadOrCreateLocalApp, localAppFileOf } from './auth/local-app';
import { loginRoutes, oauthRoutes } from './auth/routes';
import { createTokenIssuer } from './auth/tokens';
import { benefitProgramsRoutes } from './benefit-programs/routes';
import type { EmulatorContext } from './context';
import { DocumentStore } from './document-store';
import { DROPPED_HEADER, FaultInjector, faultRuleSchema } from './faults';
import { LatencyDial, type WixLatency, wixLatencySchema } from './latency';
import { loyaltyRoutes } from './loyalty/routes';
import { membersRoutes } from './members/routes';
import { validationErrorBody, WixApiError, WixValidationError, wixErrorBody } from './wire';

export interface EmulatorOptions {
  /** SQLite file for durable state; in memory when omitted. */
  file?: string;
  clock?: Clock;
  /** The registered app's id, secret or instance, when given (e.g. from WIX_APP_*); kept or generated otherwise. */
  app?: Partial<AppCredentials>;
  /** A per-call delay like Wix's REST API (`LatencyDial`); none when omitted. */
  latency?: WixLatency | null;
}

export interface Emulator {
  app: Hono;
  /** A fetch for `createClient({ fetch })`: keeps the SDK's path, answers in-process. */
  fetch: typeof fetch;
  store: DocumentStore;
  faults: FaultInjector;
  /** The per-call delay; `latency.set(…)` changes it while serving. */
  latency: LatencyDial;
  clock: Clock;
  /** What the app uses to call this local Wix: `AppStrategy({appId, appSecret, instanceId})`. */
  credentials: AppCredentials;
  close(): void;
}

/**
 * The local Wix: Benefit Programs, Loyalty, members and contacts over the REST wire the real SDK speaks,
 * behind Wix's auth: the app's client-credentials token, member and staff tokens, token-info; no valid
 * token → 401 and nothing done.
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const store = new DocumentStore(options.file);
  const clock = options.clock ?? systemClock;
  const faults = new FaultInjector();
  const latency = new LatencyDial(options.latency ?? null);
  const ctx: EmulatorContext = { store, clock };
  const app: LocalApp = {
    ...(options.file ? loadOrCreateLocalApp(localAppFileOf(options.file)) : generateLocalApp()),
    ...definedOnly(options.app ?? {}),
  };
  const issuer = createTokenIssuer(app, store);

  const http = new Hono();
  http.use(async (c, next) => {
    await next();
    c.res.headers.set('x-wix-request-id', randomUUID());
  });
  http.get('/health', (c) => c.json({ ok: true }));
  http.use(latency.middleware());
  http.route('/', oauthRoutes(app, issuer));
  // Everything registered after this needs a valid credential.
  http.use(requireCredential(issuer));
  http.route('/', loginRoutes(ctx, issuer));
  http.post('/_emulator/faults', async (c) => {
    const parsed = faultRuleSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ message: parsed.error.message }, 400);
    faults.add(parsed.data);
    return c.json({});
  });
  http.delete('/_emulator/faults', (c) => {
    faults.clear();
    return c.json({});
  });
  // The delay, read and changed while serving (the bench turns it off to read ledgers, on for its rows).
  http.get('/_emulator/latency', (c) => c.json({ latency: latency.get() }));
  http.put('/_emulator/latency', async (c) => {
    const parsed = wixLatencySchema.nullable().safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ message: parsed.error.message }, 400);
    latency.set(parsed.data);
    return c.json({ latency: latency.get() });
  });
  http.use(faults.middleware());
  http.route('/', benefitProgramsRoutes(ctx));
  http.route('/', loyaltyRoutes(ctx));
  http.route('/', membersRoutes(ctx));
  http.notFound((c) => c.json({ message: `No such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  http.onError((err, c) => {
    if (err instanceof WixApiError) return c.json(wixErrorBody(err), err.status as 400);
    if (err instanceof WixValidationError) return c.json(validationErrorBody(err), 400);
    return c.json({ message: 'Internal error in the local Wix' }, 500);
  });

  const inProcessFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const res = await http.fetch(new Request(input, init));
    if (res.headers.get(DROPPED_HEADER)) throw new TypeError('fetch failed (response dropped)');
    return res;
  }) as typeof fetch;

  const credentials = { appId: app.appId, appSecret: app.appSecret, instanceId: app.instanceId };
  return {
    app: http,
    fetch: inProcessFetch,
    store,
    faults,
    latency,
    clock,
    credentials,
    close: () => store.close(),
  };
}

const definedOnly = (values: Partial<AppCredentials>): Partial<AppCredentials> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== ''));
