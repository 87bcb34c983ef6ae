import { createHash } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { acceptTerms, type TermsDocument, termsContent, termsFor } from '../../../core/members/partner-terms';
import { userOf } from '../context';
import { AcceptTermsSchema, ExternalUserID, IdempotencyHeaders } from '../schemas/requests';
import { TermsContentSchema, TermsSchema } from '../schemas/responses';
import {
  body,
  commonErrors,
  conflict,
  type ExpysApp,
  json,
  notFound,
  security,
  underIdempotencyKey,
} from './common';

const getTerms = createRoute({
  method: 'get',
  path: '/v1/terms',
  tags: ['Terms'],
  summary: 'The current legal documents and whether the member accepted them',
  description:
    'Member mode (an org key names the member with `externalUserID`). `acceptedAt` is null while a version is outstanding, also when only an earlier version was accepted.',
  security,
  request: { query: z.object({ externalUserID: ExternalUserID.optional() }) },
  responses: { 200: json(TermsSchema, 'The documents'), ...commonErrors },
});

const getContent = createRoute({
  method: 'get',
  path: '/v1/terms/{version}/content',
  tags: ['Terms'],
  summary: 'One version’s text (never changes: Cache-Control immutable)',
  security,
  request: {
    params: z.object({
      version: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'version', in: 'path' } }),
    }),
  },
  responses: { 200: json(TermsContentSchema, 'The text'), ...notFound, ...commonErrors },
});

const accept = createRoute({
  method: 'post',
  path: '/v1/terms/acceptance',
  tags: ['Terms'],
  summary: 'Record that the member accepted document versions',
  description:
    'Accepting a version already on file changes nothing. The answer is the same shape as GET /v1/terms. Idempotent with an Idempotency-Key.',
  security,
  request: { headers: IdempotencyHeaders, body: body(AcceptTermsSchema) },
  responses: { 200: json(TermsSchema, 'The documents'), ...conflict, ...commonErrors },
});

export function termsRoutes(app: ExpysApp, documents: readonly TermsDocument[]): void {
  app.openapi(getTerms, async (c) => {
    const externalId = userOf(c, c.req.valid('query').externalUserID);
    const integration = c.get('caller').integration.name;
    return c.json({ documents: await termsFor(c.get('deps'), documents, { integration, externalId }) }, 200);
  });

  app.openapi(getContent, (c) => {
    const doc = termsContent(documents, c.req.valid('param').version);
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.json(
      {
        type: doc.type,
        version: doc.version,
        publishedAt: doc.publishedAt,
        contentHTML: doc.contentHTML,
        renderedHash: createHash('sha256').update(doc.contentHTML).digest('hex'),
      },
      200,
    );
  });

  app.openapi(accept, async (c) => {
    const input = c.req.valid('json');
    const externalId = userOf(c, input.externalUserID);
    const integration = c.get('caller').integration.name;
    const accepted = await underIdempotencyKey(
      c,
      'acceptTerms',
      { externalId, versions: input.versions },
      () => acceptTerms(c.get('deps'), documents, { integration, externalId, versions: input.versions }),
    );
    return c.json({ documents: accepted }, 200);
  });
}
