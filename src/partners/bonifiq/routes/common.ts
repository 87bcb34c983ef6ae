import type { OpenAPIHono } from '@hono/zod-openapi';
import { markReplay } from '../../../http/idempotency';
import { body, json } from '../../../http/openapi';
import type { BonifiqEnv } from '../context';
import { errorEnvelopeSchema } from '../schemas/responses';

export type BonifiqApp = OpenAPIHono<BonifiqEnv>;

export { body, json, markReplay };

const error = (description: string) => json(errorEnvelopeSchema, description);

/** What any route may answer besides its own outcomes (the envelope's Code says which). */
export const commonErrors = {
  400: error('02 InvalidRequest: malformed body, or a CPF/CNPJ with wrong check digits'),
  401: error('91 Unauthorized: missing or wrong API token / API key'),
  404: error('01 CustomerNotFound, or the endpoint’s own not-found code'),
  409: error('95 RequestInProgress (Retry-After), or the endpoint’s own conflict codes'),
  413: error('94 PayloadTooLarge: the body is over 256 KiB'),
  422: error('The endpoint’s business refusals (see its Code table)'),
  500: error('99 InternalError'),
  503: error('98 ServiceUnavailable: Wix did not answer; retry after Retry-After'),
};

export const security = [{ basic: [] }];
