import type { Clock } from './clock';
import { AppError, type ErrorCode, toAppError } from './errors';
import { fingerprint } from './fingerprint';
import { deterministicUuid } from './ids';
import type { Logger } from './ports/logger';
import type { Claim, Store, StoreRepos } from './ports/store';

export interface IdempotencyDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  settings: { idempotencyLeaseMs: number };
}

export interface IdempotentRequest {
  /** (surface, integration or caller). */
  scope: string;
  key: string;
  operation: string;
  /** The canonical request; its hash is the fingerprint. */
  request: unknown;
}

export interface IdempotentRun<T> {
  /** The key to give Wix: the same for every attempt under this (scope, key). */
  upstreamKey: string;
  /** An earlier attempt under this key did not finish; its Wix call may have happened. */
  resumed: boolean;
  /** Writes the work's records and completes the key in one transaction. */
  commit(value: T, write?: (tx: StoreRepos) => Promise<void>): Promise<T>;
}

export interface IdempotentResult<T> {
  value: T;
  replayed: boolean;
}

/**
 * Failures that say something final about the request: stored and replayed like a success, so a retry
 * can never succeed later with a stale intent (a topped-up balance, say).
 */
const FINAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'NOT_FOUND',
  'INSUFFICIENT_BALANCE',
  'OFFER_UNAVAILABLE',
  'ALREADY_REDEEMED',
  'FORBIDDEN',
]);

/** The Wix key of (scope, key): every attempt under it gets the same one (also names its intent records). */
export const upstreamKeyOf = (scope: string, key: string): string =>
  deterministicUuid('upstream', scope, key);

/**
 * The idempotency contract, once for every surface: claim (scope, key, fingerprint); replay a finished
 * outcome; refuse another request under the key; report a running one; take over an abandoned one.
 * Outcomes of retryable failures (upstream down, bugs) are not stored: the lease is released, and the retry
 * resumes with the same upstream key, so Wix itself dedupes whatever the first attempt got done.
 */
export async function runIdempotent<T>(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  work: (run: IdempotentRun<T>) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const claimed = await deps.store.idempotency.claim({
    scope: request.scope,
    key: request.key,
    fingerprint: fingerprint(request.operation, request.request),
    now: deps.clock.now(),
    leaseMs: deps.settings.idempotencyLeaseMs,
  });
  switch (claimed.kind) {
    case 'completed':
      return { value: replay<T>(claimed.outcome), replayed: true };
    case 'mismatch':
      throw new AppError(
        'IDEMPOTENCY_KEY_REUSED',
        'This idempotency key was already used for a different request; use a new key.',
      );
    case 'in-use':
      throw new AppError(
        'IDEMPOTENCY_KEY_IN_USE',
        'A request with this idempotency key is still in progress.',
        {
          retryAfterSeconds: Math.max(1, Math.ceil(claimed.retryAfterMs / 1000)),
        },
      );
    case 'acquired':
      return { value: await execute(deps, claimed.claim, request, work), replayed: false };
  }
}

async function execute<T>(
  deps: IdempotencyDeps,
  claim: Claim,
  request: IdempotentRequest,
  work: (run: IdempotentRun<T>) => Promise<T>,
): Promise<T> {
  let committed = false;
  const run: IdempotentRun<T> = {
    upstreamKey: upstreamKeyOf(request.scope, request.key),
    resumed: claim.resumed,
    commit: async (value, write) => {
      await deps.store.transaction(async (tx) => {
        if (write) await write(tx);
        const done = await tx.idempotency.complete(
          claim,
          { ok: true, body: JSON.stringify(value) },
          deps.clock.now(),
        );
        // Another attempt took the key over: roll back and let that attempt's result stand.
        if (!done) throw new AppError('IDEMPOTENCY_KEY_IN_USE', 'This request was taken over by a retry.');
      });
      committed = true;
      return value;
    },
  };
  try {
    const value = await work(run);
    if (!committed) await run.commit(value);
    return value;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (committed) throw error;
    if (FINAL_CODES.has(error.code)) {
      const body = JSON.stringify({ code: error.code, message: error.message, details: error.details });
      await deps.store.idempotency.complete(claim, { ok: false, body }, deps.clock.now());
    } else {
      await deps.store.idempotency.release(claim);
      if (error.code === 'INTERNAL')
        deps.log.error({ err: error.cause ?? error, scope: request.scope }, 'work failed');
    }
    throw error;
  }
}

function replay<T>(outcome: { ok: boolean; body: string }): T {
  const parsed = JSON.parse(outcome.body) as unknown;
  if (outcome.ok) return parsed as T;
  const { code, message, details } = parsed as {
    code: ErrorCode;
    message: string;
    details?: Record<string, unknown>;
  };
  throw new AppError(code, message, details ? { details } : {});
}
