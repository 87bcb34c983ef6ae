import { randomUUID } from 'node:crypto';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { actorName } from '../../../core/deps';
import { runIdempotent } from '../../../core/idempotency';
import { idempotencyKeyHeader, markReplay } from '../../../http/idempotency';
import { body, json } from '../../../http/openapi';
import { actorOf, type ExpysContext, type ExpysEnv } from '../context';
import { ErrorSchema } from '../schemas/responses';

export type ExpysApp = OpenAPIHono<ExpysEnv>;

export { body, json, markReplay };

const error = (description: string) => json(ErrorSchema, description);

/** What any authenticated route may answer besides its own outcomes. */
export const commonErrors = {
  401: error('UNAUTHORIZED: missing, unknown or expired credential'),
  403: error('FORBIDDEN: a member token on a server-mode route, or another member'),
  413: error('PAYLOAD_TOO_LARGE: the body is over 64 KiB'),
  422: error('VALIDATION: the request is malformed'),
  429: error('RATE_LIMITED: honor Retry-After'),
  500: error('INTERNAL'),
  503: error('UPSTREAM_UNAVAILABLE: Wix did not answer; retry after Retry-After'),
};

export const notFound = { 404: error('NOT_FOUND') };
export const conflict = {
  409: error(
    'REDEMPTION_ALREADY_EXISTS, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE or ILLEGAL_TRANSITION',
  ),
};

export const security = [{ bearer: [] }];

/**
 * The request's Idempotency-Key. Expys makes it optional: without one, the call is its own attempt (a fresh
 * key), so a blind retry may act twice — clients should always send one.
 */
export const idempotencyKeyOf = (c: ExpysContext): string =>
  idempotencyKeyHeader(c) ?? `auto-${randomUUID()}`;

/**
 * A write that has no key of its own downstream, under the request's Idempotency-Key when it sends one:
 * the same key and request replay the first answer, another request is IDEMPOTENCY_KEY_REUSED. The scope
 * is the one of every Expys write of the integration.
 */
export async function underIdempotencyKey<T>(
  c: ExpysContext,
  operation: string,
  request: unknown,
  work: () => Promise<T>,
): Promise<T> {
  const key = idempotencyKeyHeader(c);
  if (!key) return work();
  const caller = c.get('caller');
  const { value, replayed } = await runIdempotent<T>(
    c.get('deps'),
    { scope: `${caller.integration.name}:${actorName(actorOf(caller))}`, key, operation, request },
    () => work(),
  );
  markReplay(c, replayed);
  return value;
}

/** The `{id}` path parameter of a route, as the OpenAPI spec declares it. */
export const idPathParam = (maxLength: number) =>
  z.object({
    id: z
      .string()
      .min(1)
      .max(maxLength)
      .openapi({ param: { name: 'id', in: 'path' } }),
  });
