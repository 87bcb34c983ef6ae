/** What a load run sends: shared by the runner and its worker thread, so plain data only. */

/** Anywhere in a header value or body, replaced by one fresh UUID per request (e.g. an idempotency key). */
export const UNIQUE = '{{uuid}}';

/**
 * Anywhere in a header value or body, replaced by noon UTC of day n after 2000-01-01 (ISO 8601), n being how
 * many requests of the same variant went out before in this load run: each request of a variant names another
 * calendar day (e.g. one gym visit per member per day).
 */
export const VARIANT_DAY = '{{variant-day}}';

export interface RequestVariant {
  headers: Record<string, string>;
  body: string;
}

/** Requests go round-robin over `variants` across all connections (no two connections move in lockstep). */
export interface RequestPlan {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  variants: RequestVariant[];
  /**
   * Signs every request once its placeholders are filled. `standard-webhooks`: webhook-id `msg_<the request's
   * UUID>`, webhook-timestamp the send time, webhook-signature over the exact body.
   */
  sign?: { scheme: 'standard-webhooks'; secret: string };
  /** `{{variant-day}}` of each variant's first request: day n after 2000-01-01 (0 by default). */
  firstDay?: number;
  /** Counts, by name, the 2xx responses whose body contains the string (e.g. `"outcome":"token_issued"`). */
  tally?: Record<string, string>;
}

export interface LoadJob {
  /** Loopback origin, e.g. http://127.0.0.1:41234. */
  url: string;
  plan: RequestPlan;
  connections: number;
  /** Unmeasured run first (JIT, caches, SQLite pages); 0 skips it. */
  warmupSeconds: number;
  durationSeconds: number;
}

export interface LoadResult {
  /** Responses per second over the run. */
  rps: number;
  /** 99th percentile latency, ms (autocannon records whole milliseconds). */
  p99: number;
  ok: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Response count per status code. */
  statusCodes: Record<string, number>;
  /** The plan's `tally`: 2xx responses whose body contained each string. */
  tally: Record<string, number>;
}

export interface LoadRun {
  warmup: LoadResult | null;
  measured: LoadResult;
}
