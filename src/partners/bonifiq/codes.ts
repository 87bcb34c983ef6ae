import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The envelope's business codes (BonifiQ publishes none for these endpoints, so they are ours): a two-digit
 * `Code`, its `CodeName`, a Severity (0 Success, 1 Warning, 2 Error) and the HTTP status. Warnings are 200s.
 * Codes 01, 02 and 9x mean the same on every endpoint; the others are per endpoint.
 */
export const Severity = { Success: 0, Warning: 1, Error: 2 } as const;
export type SeverityValue = (typeof Severity)[keyof typeof Severity];

export interface Outcome {
  code: string;
  name: string;
  severity: SeverityValue;
  status: ContentfulStatusCode;
}

const ok = (code: string, name: string): Outcome => ({ code, name, severity: 0, status: 200 });
const warn = (code: string, name: string): Outcome => ({ code, name, severity: 1, status: 200 });
const fail = (code: string, name: string, status: ContentfulStatusCode): Outcome => ({
  code,
  name,
  severity: 2,
  status,
});

/** Every endpoint. */
export const common = {
  CustomerNotFound: fail('01', 'CustomerNotFound', 404),
  InvalidRequest: fail('02', 'InvalidRequest', 400),
  Unauthorized: fail('91', 'Unauthorized', 401),
  Forbidden: fail('92', 'Forbidden', 403),
  EndpointNotSupported: fail('93', 'EndpointNotSupported', 404),
  PayloadTooLarge: fail('94', 'PayloadTooLarge', 413),
  RequestInProgress: fail('95', 'RequestInProgress', 409),
  TooManyRequests: fail('96', 'TooManyRequests', 429),
  ServiceUnavailable: fail('98', 'ServiceUnavailable', 503),
  InternalError: fail('99', 'InternalError', 500),
} as const;

// POST /v1/pvt/POS/rewards/available answers a bare object on success; its errors are the common ones.

/** POST /v1/pvt/POS/rewards/{id}/redeem */
export const redeemCodes = {
  RewardRedeemed: ok('00', 'RewardRedeemed'),
  RewardNotFound: fail('03', 'RewardNotFound', 404),
  NotEnoughPoints: fail('04', 'NotEnoughPoints', 422),
  RewardNotAvailable: fail('05', 'RewardNotAvailable', 422),
  RewardValueExceedsPurchase: fail('06', 'RewardValueExceedsPurchase', 422),
  OneRewardPerPurchase: fail('07', 'OneRewardPerPurchase', 409),
  OriginalKeyReused: fail('08', 'OriginalKeyReused', 409),
  RewardCanceled: fail('09', 'RewardCanceled', 409),
  PurchaseNotQuoted: fail('10', 'PurchaseNotQuoted', 422),
  CustomerNotValidated: fail('11', 'CustomerNotValidated', 403),
} as const;

/** DELETE /v1/pvt/POS/rewards/{RewardId} and DELETE /v1/pvt/POS/rewards?OriginalKey=… */
export const cancelRewardCodes = {
  RewardCanceled: ok('00', 'RewardCanceled'),
  RewardNotFound: fail('03', 'RewardNotFound', 404),
  RewardAlreadyCanceled: warn('04', 'RewardAlreadyCanceled'),
  RewardCannotBeCanceled: fail('05', 'RewardCannotBeCanceled', 409),
} as const;

/** POST /v1/pvt/POS/orders */
export const orderCodes = {
  OrderRegistered: ok('00', 'OrderRegistered'),
  OrderAlreadyRegistered: warn('03', 'OrderAlreadyRegistered'),
  CouponNotLinked: warn('04', 'CouponNotLinked'),
  OrderCanceled: ok('05', 'OrderCanceled'),
  OrderAlreadyCanceled: warn('06', 'OrderAlreadyCanceled'),
  OrderPending: ok('07', 'OrderPending'),
} as const;

/** POST /v1/pvt/POS/orders/{id}/cancel */
export const cancelOrderCodes = {
  OrderCanceled: ok('00', 'OrderCanceled'),
  OrderNotFound: warn('03', 'OrderNotFound'),
  OrderAlreadyCanceled: warn('04', 'OrderAlreadyCanceled'),
} as const;

/** GET /v1/pvt/Customer/{id}/points (an unknown customer is a warning: CustomerExists false). */
export const pointsCodes = {
  PointsFound: ok('00', 'PointsFound'),
  CustomerNotFound: warn('01', 'CustomerNotFound'),
} as const;

/** POST /v1/pvt/POS/{orderId}/partialcancel */
export const partialCancelCodes = {
  PartialCancelRegistered: ok('00', 'PartialCancelRegistered'),
  OrderNotFound: fail('03', 'OrderNotFound', 404),
  OrderCanceled: fail('04', 'OrderCanceled', 409),
  CancelKeyReused: fail('08', 'CancelKeyReused', 409),
} as const;
