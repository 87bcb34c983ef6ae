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
  const tooLarge = (c: Context) =>
    respond(
      c,
      new AppError('PAYLOAD_TOO_LARGE', `body: larger than ${maxBytes} bytes`, { details: { maxBytes } }),
    );
  const streamed = bodyLimit({ maxSize: maxBytes, onError: tooLarge });
  return (c, next) => {
    // A declared length is judged from the header alone (the HTTP parser never reads past it), as hono's
    // bodyLimit does; but that one first touches `c.req.raw.body`, which makes the Node adapter build an
    // undici Request and stream, and the handler then reads the body through them instead of directly.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(declared, 10) > maxBytes ? Promise.resolve(tooLarge(c)) : next();
    }
    return streamed(c, next);
  };
}
