import { errorParts } from './web-method-error';

/** Failures a retry under the same key may still turn into a success (nothing final was stored). */
const RETRYABLE = new Set([
  'UPSTREAM_UNAVAILABLE',
  'IDEMPOTENCY_KEY_IN_USE',
  'RATE_LIMITED',
  'NETWORK',
  'INTERNAL',
]);

/** A final answer: the next attempt is a new intent with a new key. */
export const isFinal = (error: unknown): boolean => !RETRYABLE.has(errorParts(error).code);
