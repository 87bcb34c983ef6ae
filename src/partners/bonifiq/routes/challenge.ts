import { createRoute, z } from '@hono/zod-openapi';
import { findCustomer } from '../../../core/members/customer';
import { normalizeEmail } from '../../../core/members/normalize';
import { customerIdSchema } from '../schemas/customer-id';
import { type ChallengeVerdict, startChallenge, validateChallenge } from '../use-cases/customer-challenge';
import { type BonifiqApp, body, commonErrors, json, security } from './common';

// BonifiQ's customer challenge (partner-apis.md §2.6): bare objects, no envelope.

const text = (max: number) => z.string().trim().max(max);
const params = z.object({ id: customerIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });

const challengeRequest = z
  .object({
    TransactionId: text(200).min(1).openapi({ description: 'The sale the code is for (any id of it)' }),
    Phone: text(50).nullish(),
    Email: z.email().max(320).nullish(),
    Document: text(30).nullish(),
    Name: text(200).nullish(),
  })
  .openapi('ChallengeRequest');

const challengeResponse = z
  .object({
    Success: z.boolean(),
    FriendlyErrorMessage: z.string().nullable(),
    ShouldInformPhone: z.boolean(),
    ShouldInformEmail: z.boolean(),
    SentBySMS: z.boolean(),
    SentByEmail: z.boolean(),
    TransactionId: z.string(),
    ErrorMessage: z.string().nullable(),
  })
  .openapi('ChallengeResponse');

const validateRequest = z
  .object({ TransactionId: text(200).min(1), Code: text(20).min(1) })
  .openapi('ChallengeValidationRequest');

const validateResponse = z
  .object({ TransactionId: z.string(), Success: z.boolean(), FriendlyErrorMessage: z.string().nullable() })
  .openapi('ChallengeValidationResponse');

const challenge = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/customers/{id}/challenge',
  tags: ['Customer'],
  summary: 'Send the customer a one-time code (proves they are at the counter)',
  description:
    'A 6-digit code for this TransactionId, good for 10 minutes and 5 tries, sent to the customer’s email (or the Phone/Email given). Asking again for the same TransactionId sends a new code. No contact known: `ShouldInformEmail`, ask the customer and call again with the same TransactionId.',
  security,
  request: { params, body: body(challengeRequest) },
  responses: { 200: json(challengeResponse, 'Sent (or what is missing)'), ...commonErrors },
});

const challengeValidate = createRoute({
  method: 'post',
  path: '/v1/pvt/POS/customers/{id}/challengevalidate',
  tags: ['Customer'],
  summary: 'Check the code the customer typed',
  description:
    '`Success: true` validates the customer at this PoS for 30 minutes (redeems need it when `ShouldValidateCustomer`). A wrong, expired or over-tried code is `Success: false` with the reason in `FriendlyErrorMessage`.',
  security,
  request: { params, body: body(validateRequest) },
  responses: { 200: json(validateResponse, 'The verdict'), ...commonErrors },
});

const VERDICTS: Record<ChallengeVerdict, string | null> = {
  VALID: null,
  WRONG_CODE: 'Wrong code',
  EXPIRED: 'The code expired: ask for a new one',
  TOO_MANY_ATTEMPTS: 'Too many tries: ask for a new code',
  NO_CHALLENGE: 'No code was sent for this TransactionId',
};

export function challengeRoutes(app: BonifiqApp): void {
  app.openapi(challenge, async (c) => {
    const deps = c.get('deps');
    const ref = c.req.valid('param').id;
    const input = c.req.valid('json');
    const started = await startChallenge(deps, {
      integration: c.get('integration').name,
      memberId: await findCustomer(deps, ref),
      customer: 'email' in ref ? ref.email : ref.document,
      transactionId: input.TransactionId,
      phone: input.Phone ?? null,
      email: input.Email ? normalizeEmail(input.Email) : null,
    });
    return c.json(
      {
        Success: started.sent,
        FriendlyErrorMessage: started.needsEmail ? 'Ask the customer for an email or phone' : null,
        ShouldInformPhone: false,
        ShouldInformEmail: started.needsEmail,
        SentBySMS: started.bySms,
        SentByEmail: started.byEmail,
        TransactionId: started.transactionId,
        ErrorMessage: null,
      },
      200,
    );
  });

  app.openapi(challengeValidate, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    const verdict = await validateChallenge(deps, {
      integration: c.get('integration').name,
      memberId: await findCustomer(deps, c.req.valid('param').id),
      transactionId: input.TransactionId,
      code: input.Code,
    });
    return c.json(
      {
        TransactionId: input.TransactionId,
        Success: verdict === 'VALID',
        FriendlyErrorMessage: VERDICTS[verdict],
      },
      200,
    );
  });
}
