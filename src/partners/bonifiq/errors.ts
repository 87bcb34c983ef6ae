import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError, type ErrorCode, toAppError } from '../../core/errors';
import type { Logger } from '../../core/ports/logger';
import { cancelRewardCodes, common, type Outcome, partialCancelCodes, redeemCodes } from './codes';

/** BonifiQ's standard response envelope (BaseExternalApiResponse). */
export interface Envelope<T> {
  ErrorMessage: string | null;
  /** Legacy numeric code: the Code as a number, on errors only. */
  ErrorCode: number | null;
  Result: T | null;
  Code: string;
  CodeName: string;
  Severity: number;
  HasWarning: boolean;
  HasError: boolean;
}

export function envelope<T>(outcome: Outcome, result: T | null, message: string | null = null): Envelope<T> {
  const error = outcome.severity === 2;
  return {
    ErrorMessage: message,
    ErrorCode: error ? Number(outcome.code) : null,
    Result: result,
    Code: outcome.code,
    CodeName: outcome.name,
    Severity: outcome.severity,
    HasWarning: outcome.severity === 1,
    HasError: error,
  };
}

type Endpoint = 'redeem' | 'cancelReward' | 'partialCancel' | 'other';

/** Which endpoint answered, from the path: errors raised before a handler (auth, parsing) need it too. */
function endpointOf(c: Context): Endpoint {
  const path = c.req.path;
  if (c.req.method === 'POST' && /\/POS\/rewards\/[^/]+\/redeem$/.test(path)) return 'redeem';
  if (c.req.method === 'POST' && /\/RewardConfigurations\/[^/]+\/product-discount\/redeem$/.test(path)) {
    return 'redeem';
  }
  if (c.req.method === 'DELETE' && /\/POS\/rewards(\/[^/]+)?$/.test(path)) return 'cancelReward';
  if (c.req.method === 'POST' && /\/POS\/[^/]+\/partialcancel$/.test(path)) return 'partialCancel';
  return 'other';
}

/** DESIGN §4, BonifiQ column: each core code as this surface shows it. */
const byCode: Record<ErrorCode, Outcome> = {
  VALIDATION: common.InvalidRequest,
  PAYLOAD_TOO_LARGE: common.PayloadTooLarge,
  UNAUTHENTICATED: common.Unauthorized,
  FORBIDDEN: common.Forbidden,
  NOT_FOUND: common.CustomerNotFound,
  INSUFFICIENT_BALANCE: redeemCodes.NotEnoughPoints,
  OFFER_UNAVAILABLE: redeemCodes.RewardNotAvailable,
  ALREADY_REDEEMED: redeemCodes.OneRewardPerPurchase,
  IDEMPOTENCY_KEY_REUSED: redeemCodes.OriginalKeyReused,
  IDEMPOTENCY_KEY_IN_USE: common.RequestInProgress,
  ILLEGAL_TRANSITION: cancelRewardCodes.RewardCannotBeCanceled,
  RATE_LIMITED: common.TooManyRequests,
  UPSTREAM_UNAVAILABLE: common.ServiceUnavailable,
  NOT_SUPPORTED: common.EndpointNotSupported,
  INTERNAL: common.InternalError,
};

function outcomeOf(endpoint: Endpoint, error: AppError): Outcome {
  const reason = error.details?.reason;
  if (reason === 'CUSTOMER_NOT_FOUND') return common.CustomerNotFound;
  if (reason === 'NO_ROUTE') return common.EndpointNotSupported;
  if (endpoint === 'redeem') {
    if (error.code === 'NOT_FOUND') return redeemCodes.RewardNotFound;
    if (reason === 'VALUE_EXCEEDS_PURCHASE') return redeemCodes.RewardValueExceedsPurchase;
    if (reason === 'NO_QUOTE') return redeemCodes.PurchaseNotQuoted;
    if (reason === 'REWARD_CANCELED') return redeemCodes.RewardCanceled;
    if (reason === 'CUSTOMER_NOT_VALIDATED') return redeemCodes.CustomerNotValidated;
  }
  if (endpoint === 'cancelReward' && error.code === 'NOT_FOUND') return cancelRewardCodes.RewardNotFound;
  if (endpoint === 'partialCancel') {
    if (reason === 'ORDER_NOT_FOUND') return partialCancelCodes.OrderNotFound;
    if (reason === 'ORDER_CANCELED') return partialCancelCodes.OrderCanceled;
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') return partialCancelCodes.CancelKeyReused;
  }
  return byCode[error.code];
}

/** The error envelope, with Retry-After when there is a hint; INTERNAL says nothing more. */
export function errorEnvelope(c: Context, error: AppError): Response {
  const outcome = outcomeOf(endpointOf(c), error);
  if (error.retryAfterSeconds !== undefined) c.header('Retry-After', String(error.retryAfterSeconds));
  if (error.code === 'UNAUTHENTICATED')
    c.header('WWW-Authenticate', 'Basic realm="BonifiQ", charset="UTF-8"');
  const message = error.code === 'INTERNAL' ? 'Internal error' : error.message;
  return c.json(envelope(outcome, null, message), outcome.status);
}

/** The surface's one onError: Hono's own 4xx (malformed JSON) are invalid requests; bugs are logged. */
export function onBonifiqError(log: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HTTPException && err.status < 500) {
      return errorEnvelope(c, new AppError('VALIDATION', err.message));
    }
    const error = toAppError(err);
    if (error.code === 'INTERNAL') {
      log.error({ err: error.cause ?? error, requestId: c.get('requestId') }, 'bonifiq request failed');
    }
    return errorEnvelope(c, error);
  };
}

/** zod-openapi's hook: an invalid request is VALIDATION naming the first bad field, before any work. */
export function validationHook(result: { success: boolean; error?: ZodError }): void {
  if (result.success || !result.error) return;
  const issue = result.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'body';
  throw new AppError('VALIDATION', `${field}: ${issue?.message ?? 'invalid'}`, { details: { field } });
}
