import { randomUUID } from 'node:crypto';
import type { Clock } from './clock';
import { AppError } from './errors';
import type { LeaseRef, LeaseRepo } from './ports/leases';
import type { Logger } from './ports/logger';

// The one lease engine. Every claim the app makes — an idempotency key, an inbound event, a member's debit
// lock, a named job lock — is a lease row: claimed atomically, renewed (heartbeat) while its work runs,
// fenced (owner + fence number) so an attempt that lost it can neither commit nor start another Wix call,
// and taken over once it expires. Every Wix call has a deadline shorter than any lease and is announced on
// the lease before it starts (which extends the lease past the call), so a taker never overlaps a call
// still in flight; for good measure a taker also waits out the deadline of the previous holder's last call.

export interface LeaseDeps {
  store: { leases: LeaseRepo };
  clock: Clock;
  log: Logger;
  settings: { wixCallTimeoutMs: number };
}

export interface LeaseOptions {
  leaseMs: number;
  /** How long to wait for a held lease; 0 answers `held` at once. */
  waitMs?: number;
  /** The error an attempt that lost the lease fails with. */
  lost?: () => AppError;
}

/** How much later than its deadline a Wix call of another process is surely over (clocks differ a little). */
export const SETTLE_MARGIN_MS = 1_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const defaultLost = () =>
  new AppError('UPSTREAM_UNAVAILABLE', 'This work lost its lease to another attempt; retry shortly.', {
    retryAfterSeconds: 1,
  });

/** A lease this process holds. */
export class Lease {
  readonly ref: LeaseRef;
  readonly #deps: LeaseDeps;
  readonly #options: LeaseOptions;
  #lost = false;
  #released = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(deps: LeaseDeps, ref: LeaseRef, options: LeaseOptions) {
    this.#deps = deps;
    this.ref = ref;
    this.#options = options;
  }

  /** An earlier holder had this lease and did not end it: its work may be partly done. */
  get resumed(): boolean {
    return this.ref.fence > 1;
  }

  lostError(): AppError {
    return (this.#options.lost ?? defaultLost)();
  }

  /** Fails when the lease is known lost; inside a transaction, checks (and row-locks) it in the database. */
  async check(repo: LeaseRepo = this.#deps.store.leases): Promise<void> {
    if (this.#lost || !(await repo.holds(this.ref))) throw this.#lose();
  }

  /** Call before every Wix side effect: fails if the lease was lost, else records the call and extends. */
  async beforeWixCall(): Promise<void> {
    if (this.#lost) throw this.lostError();
    const marked = await this.#deps.store.leases.markWixCall(
      this.ref,
      this.#deps.clock.now(),
      this.#options.leaseMs,
    );
    if (!marked) throw this.#lose();
  }

  /** Gives the lease up for the next attempt (which resumes the work). */
  async release(): Promise<void> {
    this.#stop();
    if (this.#released) return;
    await this.#deps.store.leases.release(this.ref);
    this.#released = true;
  }

  /**
   * Gives the lease up inside the transaction `repo` writes in, saving a transaction of its own. Call
   * `releaseCommitted()` once that transaction committed; if it rolled back, `release()` still releases.
   */
  async releaseWith(repo: LeaseRepo): Promise<void> {
    await repo.release(this.ref);
  }

  /** The transaction that released the lease (`releaseWith`) committed: nothing is left to release. */
  releaseCommitted(): void {
    this.#released = true;
    this.#stop();
  }

  /** Ends the claim for good inside the transaction that records its outcome; throws if it was lost. */
  async end(repo: LeaseRepo): Promise<void> {
    if (this.#lost || !(await repo.end(this.ref))) throw this.#lose();
    this.#stop();
  }

  /** Stops renewing (the lease has ended or been released). */
  stop(): void {
    this.#stop();
  }

  /** Renews the lease every third of its length while its work runs. */
  startHeartbeat(): void {
    const every = Math.max(10, Math.floor(this.#options.leaseMs / 3));
    this.#heartbeat = setInterval(() => void this.#renew(), every);
    this.#heartbeat.unref?.();
  }

  async #renew(): Promise<void> {
    if (this.#lost) return;
    try {
      const held = await this.#deps.store.leases.renew(
        this.ref,
        this.#deps.clock.now(),
        this.#options.leaseMs,
      );
      if (!held) this.#lose();
    } catch (err) {
      // The database may be back before the lease runs out; the fence checks decide in the end.
      this.#deps.log.warn({ err, lease: this.ref.name }, 'lease renewal failed');
    }
  }

  #lose(): AppError {
    this.#lost = true;
    this.#stop();
    return this.lostError();
  }

  #stop(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}

export type Claimed = { kind: 'acquired'; lease: Lease } | { kind: 'held'; retryAfterMs: number };

/** One claim's answer, before its holder starts work: a takeover may first have to wait (`startClaimed`). */
export type ClaimedOnce =
  | { kind: 'acquired'; lease: Lease; priorWixCallAt: Date | null }
  | { kind: 'held'; retryAfterMs: number };

/**
 * Claims `name` (waiting up to `waitMs` for a holder to finish). A takeover from a holder that lost the
 * lease mid-work first waits until that holder's last Wix call is past its deadline, so what it did is
 * settled before the taker looks at it.
 */
export async function claimLease(deps: LeaseDeps, name: string, options: LeaseOptions): Promise<Claimed> {
  const deadline = Date.now() + (options.waitMs ?? 0);
  let backoff = 2;
  for (;;) {
    const claim = await claimOnce(deps, deps.store.leases, name, options);
    if (claim.kind === 'acquired') {
      await startClaimed(deps, claim);
      return { kind: 'acquired', lease: claim.lease };
    }
    if (Date.now() + backoff > deadline) return claim;
    await sleep(backoff + Math.random() * backoff);
    backoff = Math.min(backoff * 2, 50);
  }
}

/**
 * One attempt at `name` on `repo`, a transaction's when the claim must land with other writes. Nothing
 * runs yet: the holder calls `startClaimed` once that transaction committed, before it works.
 */
export async function claimOnce(
  deps: LeaseDeps,
  repo: LeaseRepo,
  name: string,
  options: LeaseOptions,
): Promise<ClaimedOnce> {
  const owner = randomUUID(); // buffered entropy, unlike randomBytes per call
  const claim = await repo.claim(name, owner, deps.clock.now(), options.leaseMs);
  if (claim.kind === 'held') return claim;
  const lease = new Lease(deps, { name, owner, fence: claim.fence }, options);
  return { kind: 'acquired', lease, priorWixCallAt: claim.priorWixCallAt };
}

/** Waits out the last Wix call of the holder a claim took over from, if any; then renews while work runs. */
export async function startClaimed(
  deps: LeaseDeps,
  claim: Extract<ClaimedOnce, { kind: 'acquired' }>,
): Promise<void> {
  if (claim.priorWixCallAt) await settle(deps, claim.lease, claim.priorWixCallAt);
  claim.lease.startHeartbeat();
}

async function settle(deps: LeaseDeps, lease: Lease, callStartedAt: Date): Promise<void> {
  const settledAt = callStartedAt.getTime() + deps.settings.wixCallTimeoutMs + SETTLE_MARGIN_MS;
  const wait = settledAt - deps.clock.now().getTime();
  if (wait <= 0) return;
  deps.log.info({ lease: lease.ref.name, waitMs: wait }, 'took over a lease: waiting out its last Wix call');
  // Renewed meanwhile, so the lease is still ours when the wait is over.
  lease.startHeartbeat();
  await sleep(wait);
  lease.stop();
}

/** Runs `fn` holding `name`: claimed (waiting up to `waitMs`), renewed while it runs, released after. */
export async function withLease<T>(
  deps: LeaseDeps,
  name: string,
  options: LeaseOptions & { busy: (retryAfterMs: number) => Error },
  fn: (lease: Lease) => Promise<T>,
): Promise<T> {
  const claimed = await claimLease(deps, name, options);
  if (claimed.kind === 'held') throw options.busy(claimed.retryAfterMs);
  try {
    return await fn(claimed.lease);
  } finally {
    await claimed.lease.release();
  }
}

/** Before a Wix side effect under several leases (the key's and the member's): every one must still hold. */
export async function beforeWixCall(leases: readonly Lease[]): Promise<void> {
  for (const lease of leases) await lease.beforeWixCall();
}
