/** The closed set of expected failures. Every surface maps these and nothing else. */
export const errorCodes = [
  'VALIDATION',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INSUFFICIENT_BALANCE',
  'OFFER_UNAVAILABLE',
  'ALREADY_REDEEMED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_USE',
  'ILLEGAL_TRANSITION',
  'RATE_LIMITED',
  'UPSTREAM_UNAVAILABLE',
  /** A partner API feature this app deliberately does not offer (outside rewards). */
  'NOT_SUPPORTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface AppErrorOptions {
  /** Safe, structured facts a client may act on (never secrets). */
  details?: Record<string, unknown>;
  /** Seconds a client should wait before retrying (IN_USE, RATE_LIMITED, UPSTREAM_UNAVAILABLE). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

/** Turns anything thrown into an AppError; unknown throwables are bugs and become INTERNAL. */
export function toAppError(value: unknown): AppError {
  if (isAppError(value)) return value;
  return new AppError('INTERNAL', 'Internal error', { cause: value });
}
