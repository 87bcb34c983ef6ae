/** What a load run sends: shared by the runner and its worker thread, so plain data only. */

/** Anywhere in a header value or body, replaced by one fresh UUID per request (e.g. an idempotency key). */
export const UNIQUE = '{{uuid}}';

export interface RequestVariant {
  headers: Record<string, string>;
  body: string;
}

/** Requests go round-robin over `variants` across all connections (no two connections move in lockstep). */
export interface RequestPlan {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  variants: RequestVariant[];
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
}

export interface LoadRun {
  warmup: LoadResult | null;
  measured: LoadResult;
}
