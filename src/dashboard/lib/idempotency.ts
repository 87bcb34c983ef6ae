/** A fresh idempotency key for one intent of staff (a redemption, an adjustment). */
export const newIdempotencyKey = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`;

const inFlight = new Map<string, Promise<unknown>>();

/**
 * Runs `call` once per key at a time: a second click while the first is still on its way joins it instead
 * of sending again. A retry after an error sends again under the same key, and the server spends once.
 */
export function once<T>(key: string, call: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key) as Promise<T> | undefined;
  if (running) return running;
  const started = call().finally(() => inFlight.delete(key));
  inFlight.set(key, started);
  return started;
}
