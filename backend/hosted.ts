import { httpClient } from '@wix/essentials';
import { type Permissions, webMethod } from '@wix/web-methods';
import { AppError, type ErrorCode, errorCodes } from '../src/core/errors';
import { inWebMethodContext } from './context';

/** The backend/<file>.web.ts modules, which are also the `<file>` of `/web-methods/<file>/<method>`. */
export type WebModuleName = 'benefits' | 'loyalty' | 'dashboard';

/**
 * Declares a web method once for both places it runs. On this server the web-method host sets a request
 * context and `run` executes in-process. On Wix hosting there is no such context and no database: the call
 * is forwarded with the caller's Wix access token to `POST <backend>/web-methods/<file>/<method>`, where
 * this same definition runs, and its `{result}` or `{error}` comes back as if it had run here.
 */
export function hosted<Args extends unknown[], Result>(
  file: WebModuleName,
  method: string,
  permission: Permissions,
  run: (...args: Args) => Promise<Result>,
) {
  return webMethod(
    permission,
    (...args: Args): Promise<Result> =>
      inWebMethodContext() ? run(...args) : forward<Result>(file, method, args),
  );
}

/**
 * Where this server answers, fixed when the Wix CLI bundles the hosted code: Vite replaces
 * `import.meta.env.VITE_*` with the build environment's value (see README, "Deploy to Wix").
 */
function backendUrl(): string {
  let url: string | undefined;
  try {
    url = import.meta.env.VITE_APP_BACKEND_URL;
  } catch {
    // Plain Node (this server) has no import.meta.env at all; it never forwards.
  }
  if (!url) {
    throw new AppError('INTERNAL', 'The Wix app was built without VITE_APP_BACKEND_URL (the backend URL)');
  }
  return url.endsWith('/') ? url : `${url}/`;
}

async function forward<Result>(file: WebModuleName, method: string, args: unknown[]): Promise<Result> {
  const url = new URL(`web-methods/${file}/${method}`, backendUrl());
  let response: unknown;
  try {
    response = await httpClient.fetchWithAuth(url.toString(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
    });
  } catch (cause) {
    throw new AppError('UPSTREAM_UNAVAILABLE', 'The app backend could not be reached', { cause });
  }
  // Without a registered Wix context the SDK's functions answer with a function instead of calling out.
  if (!(response instanceof Response)) {
    throw new AppError('INTERNAL', 'No Wix context is registered to forward the call with');
  }
  return answerOf<Result>(response);
}

/** `{result}` is the method's value; `{error:{code,message}}` is rethrown with the same stable code. */
async function answerOf<Result>(response: Response): Promise<Result> {
  const body = (await response.json().catch(() => undefined)) as
    | { result?: unknown; error?: { code?: unknown; message?: unknown; details?: unknown } }
    | undefined;
  if (response.ok && body && 'result' in body) return body.result as Result;
  const error = body?.error;
  if (error && isErrorCode(error.code)) {
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new AppError(error.code, typeof error.message === 'string' ? error.message : error.code, {
      ...(isRecord(error.details) ? { details: error.details } : {}),
      ...(retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  if (response.status >= 500) {
    throw new AppError('UPSTREAM_UNAVAILABLE', `The app backend answered HTTP ${response.status}`);
  }
  throw new AppError('INTERNAL', `Unexpected answer from the app backend (HTTP ${response.status})`);
}

const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
