import { Hono } from 'hono';
import { type Caller, runInWebMethodContext } from '../../backend/context';
import type { CoreDeps } from '../core/deps';
import { AppError, toAppError } from '../core/errors';
import type { Logger } from '../core/ports/logger';
import { limitBody } from '../http/body-limit';
import { errorResponse } from './http-errors';
import type { LocalAuth } from './local-auth';
import type { RequestIdVariables } from './request-id';

type WebMethod = ((...args: unknown[]) => Promise<unknown>) & {
  permission: 'Admin' | 'SiteMember' | 'Anyone';
};
export type WebMethodModules = Record<string, Record<string, unknown>>;

const isWebMethod = (value: unknown): value is WebMethod =>
  typeof value === 'function' && typeof (value as { permission?: unknown }).permission === 'string';

/** What Wix hosting enforces before a web method runs; the functions themselves check nothing. */
function authorize(permission: WebMethod['permission'], caller: Caller): void {
  if (permission === 'Anyone') return;
  if (caller.kind === 'visitor') throw new AppError('UNAUTHENTICATED', 'A bearer token is required');
  if (permission === 'SiteMember' && caller.kind !== 'member') {
    throw new AppError('FORBIDDEN', 'This method is for site members');
  }
  if (permission === 'Admin' && caller.kind !== 'admin') {
    throw new AppError('FORBIDDEN', 'This method is for site admins');
  }
}

/**
 * The local stand-in for Wix hosting: `POST /web-methods/<file>/<method>` with `{"args": [...]}` runs the
 * exported web method of `backend/<file>.web.ts` for the bearer token's caller, after checking its permission.
 */
export function webMethodHost(options: {
  modules: WebMethodModules;
  auth: LocalAuth;
  deps: CoreDeps;
  log: Logger;
}): Hono<{ Variables: RequestIdVariables }> {
  const host = new Hono<{ Variables: RequestIdVariables }>();
  // Refused before anything reads it: `argsOf` below never sees more than the limit.
  host.use(limitBody(errorResponse));
  host.post('/:file/:method', async (c) => {
    try {
      const method = options.modules[c.req.param('file')]?.[c.req.param('method')];
      if (!isWebMethod(method)) throw new AppError('NOT_FOUND', 'No such web method');
      const caller = await callerOf(options.auth, c.req.header('authorization'));
      authorize(method.permission, caller);
      const args = await argsOf(c.req.raw);
      const result = await runInWebMethodContext({ caller, deps: options.deps }, () => method(...args));
      return c.json({ result: result ?? null });
    } catch (thrown) {
      const error = toAppError(thrown);
      if (error.code === 'INTERNAL') {
        options.log.error({ err: error.cause ?? error, requestId: c.get('requestId') }, 'web method failed');
      }
      return errorResponse(c, error);
    }
  });
  return host;
}

export async function callerOf(auth: LocalAuth, header: string | undefined): Promise<Caller> {
  if (!header) return { kind: 'visitor' };
  const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
  const caller = token ? await auth.verify(token) : undefined;
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Invalid or expired bearer token');
  return caller;
}

async function argsOf(request: Request): Promise<unknown[]> {
  const text = await request.text();
  if (!text) return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AppError('VALIDATION', 'Body must be JSON: {"args": [...]}');
  }
  const args = (body as { args?: unknown })?.args;
  if (args === undefined) return [];
  if (!Array.isArray(args)) throw new AppError('VALIDATION', 'args must be an array');
  return args;
}
