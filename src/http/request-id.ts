import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

export type RequestIdVariables = { requestId: string };

/** Every response carries X-Request-Id (the caller's, when it sent a sane one), also used in log lines. */
export const requestId = (): MiddlewareHandler<{ Variables: RequestIdVariables }> => async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && /^[\w.:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
};
