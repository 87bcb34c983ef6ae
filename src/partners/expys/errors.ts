import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppError, ErrorCode } from '../../core/errors';

/** DESIGN §4: each core code as Expys shows it (HTTP status, wire code). */
const wire: Record<ErrorCode, [ContentfulStatusCode, string]> = {
  VALIDATION: [422, 'VALIDATION'],
  PAYLOAD_TOO_LARGE: [413, 'PAYLOAD_TOO_LARGE'],
  UNAUTHENTICATED: [401, 'UNAUTHORIZED'],
  FORBIDDEN: [403, 'FORBIDDEN'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  INSUFFICIENT_BALANCE: [422, 'INSUFFICIENT_POINTS'],
  OFFER_UNAVAILABLE: [422, 'OFFER_UNAVAILABLE'],
  ALREADY_REDEEMED: [409, 'REDEMPTION_ALREADY_EXISTS'],
  IDEMPOTENCY_KEY_REUSED: [409, 'IDEMPOTENCY_KEY_REUSED'],
  IDEMPOTENCY_KEY_IN_USE: [409, 'IDEMPOTENCY_KEY_IN_USE'],
  ILLEGAL_TRANSITION: [409, 'ILLEGAL_TRANSITION'],
  RATE_LIMITED: [429, 'RATE_LIMITED'],
  UPSTREAM_UNAVAILABLE: [503, 'UPSTREAM_UNAVAILABLE'],
  NOT_SUPPORTED: [501, 'NOT_SUPPORTED'],
  INTERNAL: [500, 'INTERNAL'],
};

/** Failures Expys names more precisely (webhook registration, feedback too early): by `details.reason`. */
const SPECIFIC: Partial<Record<ErrorCode, ReadonlySet<string>>> = {
  VALIDATION: new Set(['WEBHOOK_EVENT_UNKNOWN', 'WEBHOOK_URL_NOT_ALLOWED']),
  ILLEGAL_TRANSITION: new Set(['REDEMPTION_NOT_COMPLETED']),
};

/** `{"error":{"code","message"}}` with Retry-After when there is a hint; INTERNAL says nothing more. */
export function expysErrorResponse(c: Context, error: AppError): Response {
  const [status, code] = wire[error.code];
  const reason = error.details?.reason;
  const wireCode = typeof reason === 'string' && SPECIFIC[error.code]?.has(reason) ? reason : code;
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  if (error.code === 'INTERNAL')
    return c.json({ error: { code: wireCode, message: 'Internal error' } }, status);
  return c.json(
    {
      error: { code: wireCode, message: error.message, ...(error.details ? { details: error.details } : {}) },
    },
    status,
  );
}
