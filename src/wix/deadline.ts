/**
 * Every request the SDK makes goes through one of these fetches: it is abandoned at its deadline (the caller's
 * own abort signal still counts). Without it Node's fetch waits for minutes, long past every lease, and a
 * retry that took the work over could spend a second time while the first call is still in flight.
 */
export function withDeadline(inner: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
    try {
      // Raced as well, for a fetch that ignores its signal (the in-process local Wix).
      return await abortable(inner(input, { ...init, signal }), signal);
    } catch (err) {
      if (deadline.aborted) throw new WixDeadlineExceeded(timeoutMs, err);
      throw err;
    }
  };
}

/** A Wix call that did not answer within its deadline: whether Wix did it is unknown until a retry looks. */
export class WixDeadlineExceeded extends Error {
  constructor(
    readonly timeoutMs: number,
    cause: unknown,
  ) {
    super(`Wix did not answer within ${timeoutMs} ms`, { cause });
    this.name = 'WixDeadlineExceeded';
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}
