import { AppError } from '../core/errors';
import { WixDeadlineExceeded } from './deadline';

interface SdkErrorShape {
  code?: unknown;
  status?: unknown;
  details?: { applicationError?: { code?: unknown; description?: unknown; data?: unknown } };
}

/** The one place that reads an SDK error's code: `applicationError.code`, or a status number, or UNKNOWN. */
export function wixErrorCode(err: unknown): string | number | undefined {
  const e = err as SdkErrorShape | null;
  const code = e?.details?.applicationError?.code ?? e?.code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

export function wixErrorData(err: unknown): Record<string, unknown> {
  const data = (err as SdkErrorShape | null)?.details?.applicationError?.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
}

const NOT_FOUND = new Set([
  'POOL_NOT_FOUND',
  'BENEFIT_NOT_FOUND',
  'TRANSACTION_NOT_FOUND',
  'PROGRAM_NOT_FOUND',
]);
const UNAVAILABLE = new Set([
  'POOL_NOT_ACTIVE',
  'POLICY_EXPRESSION_EVALUATED_TO_FALSE',
  'REWARD_NOT_ACTIVE',
  'INVALID_REWARD_TYPE',
  'REWARD_NOT_AVAILABLE',
]);
const INSUFFICIENT = new Set(['NOT_ENOUGH_BALANCE', 'NOT_ENOUGH_POINTS', 'BALANCE_EXCEEDED_LIMITS']);

/** Maps an SDK error to the closed core codes (DESIGN §4). Anything unexpected is a bug: INTERNAL. */
export function toCoreError(err: unknown, what: string): AppError {
  if (err instanceof AppError) return err;
  const deadline = deadlineOf(err);
  if (deadline) {
    return new AppError('UPSTREAM_UNAVAILABLE', `Wix did not answer in time (${what}); retry shortly`, {
      retryAfterSeconds: Math.max(1, Math.ceil(deadline.timeoutMs / 1000)),
      cause: err,
    });
  }
  const code = wixErrorCode(err);
  const status = (err as SdkErrorShape | null)?.status;
  if (typeof code === 'string' && INSUFFICIENT.has(code)) {
    const data = wixErrorData(err);
    return new AppError('INSUFFICIENT_BALANCE', 'Not enough balance for this redemption', {
      details: {
        available: Number(data.availableBalance ?? data.available ?? Number.NaN),
        requested: Number(data.requestedBalance ?? data.requested ?? Number.NaN),
      },
      cause: err,
    });
  }
  if (typeof code === 'string' && UNAVAILABLE.has(code)) {
    return new AppError('OFFER_UNAVAILABLE', `${what}: not available (${code})`, { cause: err });
  }
  if ((typeof code === 'string' && (NOT_FOUND.has(code) || code.endsWith('_NOT_FOUND'))) || code === 404) {
    return new AppError('NOT_FOUND', `${what}: not found`, { cause: err });
  }
  if (
    code === 'UNKNOWN' ||
    (typeof status === 'number' && status >= 500) ||
    (typeof code === 'number' && code >= 500)
  ) {
    return new AppError('UPSTREAM_UNAVAILABLE', `Wix did not answer (${what}); retry shortly`, {
      retryAfterSeconds: 2,
      cause: err,
    });
  }
  return new AppError('INTERNAL', `Unexpected Wix error (${what})`, { cause: err });
}

/**
 * The call's deadline passed (deadline.ts), however the SDK wrapped it; a body cut off by the deadline
 * surfaces as the platform's TimeoutError.
 */
function deadlineOf(err: unknown): { timeoutMs: number } | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof WixDeadlineExceeded) return current;
    if (current.name === 'TimeoutError') return { timeoutMs: 1000 };
    current = current.cause;
  }
  return undefined;
}

/**
 * Guards against the elevate trap: without a registered Wix context, SDK calls resolve to a function and
 * make no request. A result that is not an object means the wiring is wrong — fail loudly.
 */
export function sdkResult<T>(value: T, what: string): T {
  if (value === null || typeof value !== 'object') {
    throw new AppError('INTERNAL', `Wix SDK call ${what} made no request (no Wix context registered)`);
  }
  return value;
}

/** Runs one SDK call: checks its result and maps its failure. */
export async function wixCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return sdkResult(await call(), what);
  } catch (err) {
    throw toCoreError(err, what);
  }
}

/**
 * Runs one SDK call that answers nothing (deletes). Without a Wix context the SDK hands back a function
 * instead of making the request: that is the wiring bug to fail on.
 */
export async function wixVoidCall(what: string, call: () => Promise<unknown>): Promise<void> {
  let result: unknown;
  try {
    result = await call();
  } catch (err) {
    throw toCoreError(err, what);
  }
  if (typeof result === 'function') {
    throw new AppError('INTERNAL', `Wix SDK call ${what} made no request (no Wix context registered)`);
  }
}
