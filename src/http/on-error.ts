import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, toAppError } from '../core/errors';
import type { Logger } from '../core/ports/logger';

/** A surface's own error wire shape (Expys' error, BonifiQ's envelope, the app's `{"error": …}`). */
export type ErrorResponder = (c: Context, error: AppError) => Response;

/**
 * A surface's one onError: Hono's own 4xx (malformed JSON) are VALIDATION, expected failures keep their code,
 * anything else is INTERNAL and logged with the request id (`failure` names what failed). `respond` shapes it.
 */
export function onAppError(respond: ErrorResponder, log: Logger, failure: string) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HTTPException && err.status < 500) {
      return respond(c, new AppError('VALIDATION', err.message));
    }
    const error = toAppError(err);
    if (error.code === 'INTERNAL') {
      log.error({ err: error.cause ?? error, requestId: c.get('requestId') }, failure);
    }
    return respond(c, error);
  };
}
