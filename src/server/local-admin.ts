import { Hono } from 'hono';
import { z } from 'zod';
import type { CoreDeps } from '../core/deps';
import { AppError } from '../core/errors';
import { renewSweep } from '../core/lifecycle/renew-sweep';
import { limitBody } from '../http/body-limit';
import { onAppError } from '../http/on-error';
import { parseWith } from '../http/validation';
import type { WixClients } from '../wix/clients';
import { setUpProgram } from '../wix/program-setup';
import { errorResponse } from './http-errors';
import { integrationCommandSchema, runIntegrationCommand } from './integration-commands';
import type { ProgramConfig } from './program-config';
import { callerOf } from './web-method-host';
import type { CallerVerifier } from './wix-callers';

const MAX_BODY_BYTES = 16 * 1024;

export interface LocalAdminParts {
  /** Checks the bearer token with the (local) Wix's token-info: staff only. */
  callers: CallerVerifier;
  deps: CoreDeps;
  program: ProgramConfig;
  wix: WixClients;
  /** A local Wix (embedded or `npm run emulator`): only then may a sweep run as of another date. */
  localWix: boolean;
}

const renewSchema = z.object({ at: z.iso.datetime({ offset: true }).optional() }).strict();

/**
 * `/_local/*`: the CLIs' commands, run by the server that owns the data folder, so no CLI writes behind it.
 * Each route calls the same function the CLI calls on the files when no server owns them. Local admin only.
 */
export function localAdminRoutes(parts: LocalAdminParts): Hono {
  const app = new Hono();
  app.use('*', limitBody(errorResponse, MAX_BODY_BYTES));
  app.use('*', async (c, next) => {
    const caller = await callerOf(parts.callers, c.req.header('authorization'));
    if (caller.kind === 'visitor')
      throw new AppError('UNAUTHENTICATED', 'A staff access token of the local Wix is required');
    if (caller.kind !== 'admin') throw new AppError('FORBIDDEN', 'This is for local admins');
    await next();
  });
  app.post('/setup', async (c) => c.json(await setUpProgram(parts.wix.elevate, parts.program)));
  app.post('/renew', async (c) => {
    const { at } = parseWith(renewSchema, await c.req.json().catch(() => ({})));
    if (at && !parts.localWix)
      throw new AppError('VALIDATION', 'at: a sweep as of another date runs only against the local Wix');
    const clock = at ? { now: () => new Date(at) } : parts.deps.clock;
    return c.json(await renewSweep({ ...parts.deps, clock }, parts.program.lifecycle));
  });
  app.post('/integrations', async (c) => {
    const command = parseWith(integrationCommandSchema, await c.req.json().catch(() => null));
    return c.json(await runIntegrationCommand(parts.deps, command));
  });
  app.onError(onAppError(errorResponse, parts.deps.log, 'local admin command failed'));
  return app;
}
