import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { type Clock, systemClock } from '../core/clock';
import { benefitProgramsRoutes } from './benefit-programs/routes';
import type { EmulatorContext } from './context';
import { DocumentStore } from './document-store';
import { DROPPED_HEADER, FaultInjector, faultRuleSchema } from './faults';
import { loyaltyRoutes } from './loyalty/routes';
import { membersRoutes } from './members/routes';
import { validationErrorBody, WixApiError, WixValidationError, wixErrorBody } from './wire';

export interface EmulatorOptions {
  /** SQLite file for durable state; in memory when omitted. */
  file?: string;
  clock?: Clock;
}

export interface Emulator {
  app: Hono;
  /** A fetch for `createClient({ fetch })`: keeps the SDK's path, answers in-process. */
  fetch: typeof fetch;
  store: DocumentStore;
  faults: FaultInjector;
  clock: Clock;
  close(): void;
}

/** The local Wix: Benefit Programs, Loyalty, members and contacts over the REST wire the real SDK speaks. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const store = new DocumentStore(options.file);
  const clock = options.clock ?? systemClock;
  const faults = new FaultInjector();
  const ctx: EmulatorContext = { store, clock };

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.res.headers.set('x-wix-request-id', randomUUID());
  });
  app.get('/health', (c) => c.json({ ok: true }));
  app.post('/_emulator/faults', async (c) => {
    const parsed = faultRuleSchema.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return c.json({ message: parsed.error.message }, 400);
    faults.add(parsed.data);
    return c.json({});
  });
  app.delete('/_emulator/faults', (c) => {
    faults.clear();
    return c.json({});
  });
  app.use(faults.middleware());
  app.route('/', benefitProgramsRoutes(ctx));
  app.route('/', loyaltyRoutes(ctx));
  app.route('/', membersRoutes(ctx));
  app.notFound((c) => c.json({ message: `No such endpoint: ${c.req.method} ${c.req.path}` }, 404));
  app.onError((err, c) => {
    if (err instanceof WixApiError) return c.json(wixErrorBody(err), err.status as 400);
    if (err instanceof WixValidationError) return c.json(validationErrorBody(err), 400);
    return c.json({ message: 'Internal error in the local Wix' }, 500);
  });

  const inProcessFetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const res = await app.fetch(new Request(input, init));
    if (res.headers.get(DROPPED_HEADER)) throw new TypeError('fetch failed (response dropped)');
    return res;
  }) as typeof fetch;

  return { app, fetch: inProcessFetch, store, faults, clock, close: () => store.close() };
}
