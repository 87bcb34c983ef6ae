import type { Context } from 'hono';

/** The request's `Idempotency-Key` header, if it sent one. */
export const idempotencyKeyHeader = (c: Context): string | undefined => c.req.header('idempotency-key');

/** Marks a replayed outcome, as the idempotency contract promises on HTTP surfaces. */
export function markReplay(c: Context, replayed: boolean): void {
  if (replayed) c.header('Idempotent-Replayed', 'true');
}
