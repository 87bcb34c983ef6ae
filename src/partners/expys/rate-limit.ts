/**
 * A token bucket per caller, in this process: `perMinute` requests a minute, bursts up to the same number.
 * Per instance — N instances allow N times the rate; a shared limit would need the store.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;

  constructor(readonly perMinute: number) {
    this.#perMs = perMinute / 60_000;
  }

  /** Takes one request's token; when none is left, how many seconds until one is. */
  take(key: string, nowMs: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const bucket = this.#buckets.get(key) ?? { tokens: this.perMinute, at: nowMs };
    const tokens = Math.min(this.perMinute, bucket.tokens + Math.max(0, nowMs - bucket.at) * this.#perMs);
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: nowMs });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.#perMs / 1000)) };
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: nowMs });
    if (this.#buckets.size > 10_000) this.#forgetIdle(nowMs);
    return { ok: true };
  }

  /** Buckets that would be full again carry no information. */
  #forgetIdle(nowMs: number) {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (nowMs - b.at) * this.#perMs >= this.perMinute) this.#buckets.delete(key);
    }
  }
}
