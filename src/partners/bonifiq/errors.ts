import type { Context } from 'hono';
import type { AppError, ErrorCode } from '../../core/errors';
import { cancelRewardCodes, common, type Outcome, partialCancelCodes, redeemCodes } from './codes';
import { envelope } from './wire';

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
