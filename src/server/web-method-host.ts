import { Hono } from 'hono';
import { type Caller, runInWebMethodContext } from '../../backend/context';
import type { CoreDeps } from '../core/deps';
import { AppError } from '../core/errors';
import type { Logger } from '../core/ports/logger';
import { limitBody } from '../http/body-limit';
import { onAppError } from '../http/on-error';
import type { RequestIdVariables } from '../http/request-id';
import { errorResponse } from './http-errors';
import type { CallerVerifier } from './wix-callers';

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
 * The app's backend for web methods: `POST /web-methods/<file>/<method>` with `{"args": [...]}` runs the
 * exported web method of `backend/<file>.web.ts` for the caller of the Wix access token it carries (checked
 * with Wix's token-info), after checking the method's permission as Wix hosting would.
 */
export function webMethodHost(options: {
  modules: WebMethodModules;
  callers: CallerVerifier;
  deps: CoreDeps;
  log: Logger;
}): Hono<{ Variables: RequestIdVariables }> {
  const host = new Hono<{ Variables: RequestIdVariables }>();
  // Refused before anything reads it: `argsOf` below never sees more than the limit.
  host.use(limitBody(errorResponse));
  host.post('/:file/:method', async (c) => {
    const method = options.modules[c.req.param('file')]?.[c.req.param('method')];
    if (!isWebMethod(method)) throw new AppError('NOT_FOUND', 'No such web method');
    const caller = await callerOf(options.callers, c.req.header('authorization'));
    authorize(method.permission, caller);
    const args = await argsOf(c.req.raw);
    const result = await runInWebMethodContext({ caller, deps: options.deps }, () => method(...args));
    return c.json({ result: result ?? null });
  });
  host.onError(onAppError(errorResponse, options.log, 'web method failed'));
  return host;
}

/** No token: a visitor. A token — `Bearer <token>`, or bare as `fetchWithAuth` sends it — must check out. */
export async function callerOf(callers: CallerVerifier, header: string | undefined): Promise<Caller> {
  if (!header?.trim()) return { kind: 'visitor' };
  const token = header
    .trim()
    .replace(/^Bearer\s+/i, '')
    .trim();
  if (!token) throw new AppError('UNAUTHENTICATED', 'Invalid or expired access token');
  return callers.callerOf(token);
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
