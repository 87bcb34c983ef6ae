import { z } from '@hono/zod-openapi';
import { redemptionStatuses } from '../../../core/redemption';
import { canceledReasons } from './responses';

// What Expys clients send (partner-apis.md §1.4): bodies, headers and paging parameters.

const text = (max: number) => z.string().trim().min(1).max(max);
export const ExternalUserID = text(200).openapi({ example: 'user-42' });

export const CreateRedemptionSchema = z
  .object({ offer: text(200), externalUserID: ExternalUserID.optional() })
  .openapi('CreateRedemptionRequest');

export const StatusChangeSchema = z
  .object({
    status: z.enum(redemptionStatuses).exclude(['SUBMITTED']),
    reason: z.enum(canceledReasons).optional().openapi({ description: 'Required for CANCELED' }),
    note: z.string().trim().max(500).optional(),
  })
  .openapi('ChangeRedemptionStatusRequest');

export const TokenExchangeSchema = z
  .object({
    externalUserID: ExternalUserID,
    displayName: text(200).optional(),
    email: z.email().max(320).optional(),
    tier: text(100).optional(),
  })
  .openapi('TokenExchangeRequest');

export const CreditWalletSchema = z
  .object({
    externalUserID: ExternalUserID,
    amount: z.number().int().positive().max(1_000_000),
    reason: text(200).optional(),
  })
  .openapi('CreditWalletRequest');

export const SetMemberSchema = z
  .object({
    displayName: text(200).nullable().optional(),
    tier: text(100).nullable().optional(),
    attributes: z
      .record(z.string(), z.unknown())
      .nullable()
      .optional()
      .openapi({ description: 'Free JSON; `wixMemberId` or `email` links the user to a site member' }),
  })
  .openapi('SetMemberRequest');

export const CreateWebhookSchema = z
  .object({ url: z.string().trim().min(1).max(2000), events: z.array(z.string().max(100)).min(1).max(20) })
  .openapi('CreateWebhookRequest');

// ---------------------------------------------------------------- parameters

export const IdempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .openapi({ description: 'One key per logical attempt (UUIDv4); a retry with it replays the result' }),
});

export const limit = z.coerce.number().int().min(1).max(100).default(20);
export const cursor = z
  .string()
  .max(500)
  .optional()
  .openapi({ description: 'nextCursor of the previous page' });

export const AcceptTermsSchema = z
  .object({
    versions: z.array(z.string().trim().min(1).max(100)).min(1).max(10),
    externalUserID: ExternalUserID.optional(),
  })
  .openapi('AcceptTermsRequest');

export const FeedbackRequestSchema = z
  .object({ rating: z.number().int().min(0).max(10), comment: z.string().trim().max(2000).optional() })
  .openapi('SetRedemptionFeedbackRequest');
