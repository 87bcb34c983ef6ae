import type { Clock } from './clock';
import { AppError, type ErrorCode, toAppError } from './errors';
import { fingerprint } from './fingerprint';
import { deterministicUuid } from './ids';
import { claimLease, type Lease, type LeaseDeps } from './lease';
import { claimMemberLock, type MemberLockDeps, type PendingMemberLock } from './member-lock';
import type { Logger } from './ports/logger';
import type { KeyRequest, KeyState, Store, StoredOutcome, StoreRepos } from './ports/store';
import { type SettledKey, type SettledKeys, settledKeysOf } from './settled-keys';

export interface IdempotencyDeps extends LeaseDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  settings: { idempotencyLeaseMs: number; wixCallTimeoutMs: number };
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
  /** The key's lease: fence every Wix side effect that has no key of its own with it. */
  lease: Lease;
  /**
   * Writes the work's records and completes the key in one transaction (only while the lease holds); the
   * member lock of `runIdempotentForMember` is released in that same transaction.
   */
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
 * outcome; refuse another request under the key; report a running one; take over an abandoned one. Who
 * works on a key is a lease (lease.ts): renewed while the work runs, fenced at commit.
 * Outcomes of retryable failures (upstream down, bugs) are not stored: the lease is released, and the retry
 * resumes with the same upstream key, so Wix itself dedupes whatever the first attempt got done.
 */
export function runIdempotent<T>(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  work: (run: IdempotentRun<T>) => Promise<T>,
): Promise<IdempotentResult<T>> {
  return runKeyed(deps, request, null, work);
}

/**
 * `runIdempotent` for work that debits a member: the member's lock (member-lock.ts) is claimed together with
 * the key, so the two claims share a commit instead of waiting for one each; it is held while the work
 * runs and released in the transaction that records the outcome.
 */
export function runIdempotentForMember<T>(
  deps: IdempotencyDeps & MemberLockDeps,
  request: IdempotentRequest,
  memberId: string,
  work: (run: IdempotentRun<T>, lock: Lease) => Promise<T>,
): Promise<IdempotentResult<T>> {
  let lock!: PendingMemberLock;
  const claim = () => {
    lock = claimMemberLock(deps, memberId);
    return lock;
  };
  return runKeyed(deps, request, claim, async (run) => work(run, await lock.held));
}

async function runKeyed<T>(
  deps: IdempotencyDeps,
  request: IdempotentRequest,
  lockOf: (() => PendingMemberLock) | null,
  work: (run: IdempotentRun<T>) => Promise<T>,
): Promise<IdempotentResult<T>> {
  const key: KeyRequest = {
    scope: request.scope,
    key: request.key,
    fingerprint: fingerprint(request.operation, request.request),
    now: deps.clock.now(),
  };
  const settledKeys = settledKeysOf(deps.store);
  const known = settledKeys.get(key, key.now);
  if (known) return { value: settled<T>(stateOf(known, key.fingerprint)), replayed: true };
  // The key, its lease and the lock are written at once: one commit for all three on a store that groups
  // concurrent writes. Claiming the lease of a key that turns out finished costs a write.
  const lock = lockOf?.() ?? null;
  const [opened, claim] = await Promise.allSettled([
    deps.store.idempotency.open(key),
    claimLease(deps, keyLeaseName(request.scope, request.key), {
      leaseMs: deps.settings.idempotencyLeaseMs,
      lost: takenOver,
    }),
  ]);
  const claimed = claim.status === 'fulfilled' && claim.value.kind === 'acquired' ? claim.value.lease : null;
  // A finished key's lease ends (as its work's would have); any other is given back, keeping its fence.
  const giveUp = async (finished: boolean) => {
    if (claimed) await (finished ? claimed.end(deps.store.leases) : claimed.release()).catch(() => undefined);
    // Not awaited: the answer need not wait in the member's line (a failed release just expires).
    void lock?.release().catch(() => undefined);
  };
  if (opened.status === 'rejected' || claim.status === 'rejected') {
    await giveUp(false);
    throw opened.status === 'rejected' ? opened.reason : (claim as PromiseRejectedResult).reason;
  }
  // It may have been completed between our look and our claim.
  const state =
    opened.value.kind === 'running' && claimed ? await deps.store.idempotency.read(key) : opened.value;
  if (state.kind !== 'running') {
    await giveUp(state.kind === 'completed');
    return { value: settledFromStore<T>(settledKeys, key, state), replayed: true };
  }
  if (!claimed) {
    await giveUp(false);
    throw inUse(claim.value.kind === 'held' ? claim.value.retryAfterMs : 1);
  }
  return {
    value: await execute(deps, settledKeys, claimed, lock, key, request, work),
    replayed: false,
  };
}

type Settled = Exclude<KeyState, { kind: 'running' }>;

/** A key remembered as finished: its outcome for the same request, a mismatch for another. */
const stateOf = (known: SettledKey, fingerprint: string): Settled =>
  known.fingerprint === fingerprint ? { kind: 'completed', outcome: known.outcome } : { kind: 'mismatch' };

/** A finished key read from the store: remembered, so its next replay does not read it again. */
function settledFromStore<T>(settledKeys: SettledKeys, key: KeyRequest, state: Settled): T {
  if (state.kind === 'completed') settledKeys.remember(key, state.outcome, key.now);
  return settled<T>(state);
}

/** The lease of (scope, key); the store's upgrade to leases (migration 0005) spells it alike. */
export const keyLeaseName = (scope: string, key: string) => `idem\n${scope}\n${key}`;

function settled<T>(state: Settled): T {
  if (state.kind === 'mismatch') {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This idempotency key was already used for a different request; use a new key.',
    );
  }
  return replay<T>(state.outcome);
}

const inUse = (retryAfterMs: number) =>
  new AppError('IDEMPOTENCY_KEY_IN_USE', 'A request with this idempotency key is still in progress.', {
    retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
  });

const takenOver = () =>
  new AppError('IDEMPOTENCY_KEY_IN_USE', 'This request was taken over by a retry.', { retryAfterSeconds: 1 });

async function execute<T>(
  deps: IdempotencyDeps,
  settledKeys: SettledKeys,
  lease: Lease,
  lock: PendingMemberLock | null,
  key: KeyRequest,
  request: IdempotentRequest,
  work: (run: IdempotentRun<T>) => Promise<T>,
): Promise<T> {
  let committed = false;
  let held: Lease | null = null;
  // Stores the outcome and ends the lease in one transaction, only while the lease is still ours: an
  // attempt that lost it rolls back and the taker's result stands.
  const finish = async (outcome: StoredOutcome, write?: (tx: StoreRepos) => Promise<void>) => {
    const locked = held;
    await deps.store.transaction(async (tx) => {
      await lease.end(tx.leases);
      if (write) await write(tx);
      await tx.idempotency.complete(request.scope, request.key, outcome, deps.clock.now());
      await locked?.releaseWith(tx.leases);
    });
    locked?.releaseCommitted();
    settledKeys.remember(key, outcome, deps.clock.now());
  };
  const run: IdempotentRun<T> = {
    upstreamKey: upstreamKeyOf(request.scope, request.key),
    resumed: lease.resumed,
    lease,
    commit: async (value, write) => {
      await finish({ ok: true, body: JSON.stringify(value) }, write);
      committed = true;
      return value;
    },
  };
  try {
    held = lock && (await lock.held);
    const value = await work(run);
    if (!committed) await run.commit(value);
    return value;
  } catch (thrown) {
    const error = toAppError(thrown);
    if (committed) throw error;
    if (FINAL_CODES.has(error.code)) {
      const body = JSON.stringify({ code: error.code, message: error.message, details: error.details });
      await finish({ ok: false, body }).catch(() => lease.stop());
    } else {
      await lease.release();
      if (error.code === 'INTERNAL')
        deps.log.error({ err: error.cause ?? error, scope: request.scope }, 'work failed');
    }
    throw error;
  } finally {
    // Released with the outcome's transaction when there was one; else now.
    await lock?.release();
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
