import { AppError } from './errors';
import { claimLease, type Lease, type LeaseDeps } from './lease';

export interface MemberLockDeps extends LeaseDeps {
  settings: LeaseDeps['settings'] & { lockLeaseMs: number; lockWaitMs: number };
}

/** A place in a key's line: `ready` once everyone before it left; `leave` lets the next one go. */
interface Ticket {
  ready: Promise<void>;
  leave(): void;
}

/** Queues callers per key inside this process so they wait in line instead of polling the database. */
class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();

  enter(key: string): Ticket {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    return {
      ready: previous,
      leave: () => {
        release();
        if (this.#tails.get(key) === tail) this.#tails.delete(key);
      },
    };
  }
}

const queues = new WeakMap<object, KeyedQueue>();

/** A member lock being claimed: awaited by the work that needs it, released by whoever started it. */
export interface PendingMemberLock {
  /** The held lock; rejects (UPSTREAM_UNAVAILABLE) when it stayed busy for longer than the wait allows. */
  readonly held: Promise<Lease>;
  /** Gives the lock up (a no-op once released with a transaction), or drops the claim if still waiting. */
  release(): Promise<void>;
}

/**
 * Starts claiming a member's debit lock, to be awaited later: so its claim can share a commit with other
 * writes made meanwhile (the idempotency key's). See `withMemberLock`.
 */
export function claimMemberLock(deps: MemberLockDeps, memberId: string): PendingMemberLock {
  let queue = queues.get(deps.store);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(deps.store, queue);
  }
  const name = `member\n${memberId}`;
  const ticket = queue.enter(name);
  const held = ticket.ready.then(async () => {
    const claimed = await claimLease(deps, name, {
      leaseMs: deps.settings.lockLeaseMs,
      waitMs: deps.settings.lockWaitMs,
    });
    if (claimed.kind === 'held') throw tooBusy();
    return claimed.lease;
  });
  // A claim that fails frees the line at once; nobody may be awaiting it yet (no unhandled rejection).
  held.catch(() => ticket.leave());
  return {
    held,
    async release() {
      const lease = await held.catch(() => null);
      if (!lease) return;
      try {
        await lease.release();
      } finally {
        ticket.leave();
      }
    },
  };
}

/**
 * Serializes balance debits (and refunds, and status moves that race them) of one member across every server
 * process: a lease of the lease engine is the lock (correctness), renewed while `fn` runs and given to it to
 * fence its Wix calls; the in-process queue only spares the database from polling (speed).
 */
export async function withMemberLock<T>(
  deps: MemberLockDeps,
  memberId: string,
  fn: (lock: Lease) => Promise<T>,
): Promise<T> {
  const lock = claimMemberLock(deps, memberId);
  try {
    return await fn(await lock.held);
  } finally {
    await lock.release();
  }
}

const tooBusy = () =>
  new AppError('UPSTREAM_UNAVAILABLE', 'Too many concurrent requests for this member; retry shortly.', {
    retryAfterSeconds: 1,
  });
