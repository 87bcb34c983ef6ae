import type { MiddlewareHandler } from 'hono';
import { pino } from 'pino';
import type { RequestIdVariables } from '../http/request-id';

/** Paths that may hold secrets or personal documents: never written to logs. */
const REDACT = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'signature',
  '*.signature',
  'password',
  '*.password',
  'document',
  '*.document',
];

export type AppLogger = pino.Logger;

export function createLogger(level: string): AppLogger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'rewards-bridge' } });
}

/** CPF/CNPJ (bare or punctuated) in a logged path, e.g. a PoS's `/Customer/{document}/points`. */
const DOCUMENT = /\d{2}\.?\d{3}\.?\d{3}\/?\d{4}-?\d{2}|\d{3}\.?\d{3}\.?\d{3}-?\d{2}/g;
export const maskDocuments = (text: string): string => text.replace(DOCUMENT, '[document]');

/**
 * One line per request: method, path (no query string: it may carry keys; documents masked), status,
 * duration, request id.
 */
export const accessLog =
  (log: AppLogger): MiddlewareHandler<{ Variables: RequestIdVariables }> =>
  async (c, next) => {
    const started = performance.now();
    await next();
    // The line's fields cost a little on every request: build them only when they are written.
    if (!log.isLevelEnabled('info')) return;
    log.info(
      {
        requestId: c.get('requestId'),
        method: c.req.method,
        path: maskDocuments(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  };
