import { AppError } from './errors';
import { type Lease, type LeaseDeps, withLease } from './lease';

export interface MemberLockDeps extends LeaseDeps {
  settings: LeaseDeps['settings'] & { lockLeaseMs: number; lockWaitMs: number };
}

/** Queues callers per key inside this process so they wait in line instead of polling the database. */
class KeyedQueue {
  readonly #tails = new Map<string, Promise<void>>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#tails.set(key, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }
}

const queues = new WeakMap<object, KeyedQueue>();

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
  let queue = queues.get(deps.store);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(deps.store, queue);
  }
  const name = `member\n${memberId}`;
  return queue.run(name, () =>
    withLease(
      deps,
      name,
      { leaseMs: deps.settings.lockLeaseMs, waitMs: deps.settings.lockWaitMs, busy: tooBusy },
      fn,
    ),
  );
}

const tooBusy = () =>
  new AppError('UPSTREAM_UNAVAILABLE', 'Too many concurrent requests for this member; retry shortly.', {
    retryAfterSeconds: 1,
  });
