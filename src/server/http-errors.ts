import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, ErrorCode } from '../core/errors';

/** HTTP status of each core code on the app's own surfaces (web-method host, webhooks). */
export const httpStatusOf: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INSUFFICIENT_BALANCE: 422,
  OFFER_UNAVAILABLE: 422,
  ALREADY_REDEEMED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  ILLEGAL_TRANSITION: 409,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  NOT_SUPPORTED: 501,
  INTERNAL: 500,
};

/** `{"error":{"code","message"}}`, never internals for INTERNAL; Retry-After when the error has a hint. */
export function errorResponse(c: Context, error: AppError, status = httpStatusOf[error.code]) {
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  const message = error.code === 'INTERNAL' ? 'Internal error' : error.message;
  const details = error.code === 'INTERNAL' ? undefined : error.details;
  return c.json({ error: { code: error.code, message, ...(details ? { details } : {}) } }, status);
}
