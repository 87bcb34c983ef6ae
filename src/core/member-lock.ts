import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { AppError } from './errors';
import type { LockRepo } from './ports/store';

export interface MemberLockDeps {
  store: { locks: LockRepo };
  clock: Clock;
  settings: { lockLeaseMs: number; lockWaitMs: number };
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
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Serializes balance debits of one member across every server process: a lease row in the database is the
 * lock (correctness); the in-process queue only spares the database from polling (speed).
 */
export async function withMemberLock<T>(
  deps: MemberLockDeps,
  memberId: string,
  fn: () => Promise<T>,
): Promise<T> {
  let queue = queues.get(deps.store);
  if (!queue) {
    queue = new KeyedQueue();
    queues.set(deps.store, queue);
  }
  const name = `member:${memberId}`;
  return queue.run(name, async () => {
    const owner = randomBytes(9).toString('base64url');
    const deadline = Date.now() + deps.settings.lockWaitMs;
    let backoff = 2;
    while (!(await deps.store.locks.tryAcquire(name, owner, deps.clock.now(), deps.settings.lockLeaseMs))) {
      if (Date.now() > deadline) {
        throw new AppError(
          'UPSTREAM_UNAVAILABLE',
          'Too many concurrent requests for this member; retry shortly.',
          {
            retryAfterSeconds: 1,
          },
        );
      }
      await sleep(backoff + Math.random() * backoff);
      backoff = Math.min(backoff * 2, 50);
    }
    try {
      return await fn();
    } finally {
      await deps.store.locks.release(name, owner);
    }
  });
}
