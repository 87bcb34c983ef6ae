import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../core/errors';

/** What any surface reads of a request body at most (Standard Webhooks suggests payloads under ~20 kB). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Refuses a body larger than `maxBytes` with PAYLOAD_TOO_LARGE before the handler runs: a declared length
 * is refused at once, and a streamed body as soon as it passes the limit, so nothing bigger is ever held.
 * `respond` is the surface's own error answer.
 */
export function limitBody(
  respond: (c: Context, error: AppError) => Response,
  maxBytes: number = MAX_BODY_BYTES,
): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      respond(
        c,
        new AppError('PAYLOAD_TOO_LARGE', `body: larger than ${maxBytes} bytes`, {
          details: { maxBytes },
        }),
      ),
  });
}
