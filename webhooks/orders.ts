import { z } from 'zod';
import { AppError } from '../src/core/errors';
import { issueOrderTokens } from '../src/core/tokens/issue-order-tokens';
import { type MemberReference, resolveMember } from '../src/core/tokens/resolve-member';
import { reverseOrderTokens } from '../src/core/tokens/reverse-order-tokens';
import { parseWith } from '../src/http/validation';
import { envelope, isoInstant, memberRef, type WebhookDeps, type WebhookKind } from './envelope';

export const order = envelope(
  z.enum(['order.paid', 'order.refunded', 'order.canceled']),
  z.object({
    orderId: z.string().trim().min(1).max(200),
    ...memberRef,
    email: z.email().max(320).optional(),
    total: z.object({
      amount: z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a decimal string like "123.40"'),
      currency: z.string().trim().min(1).max(10),
    }),
    couponCode: z.string().trim().min(1).max(200).optional(),
    occurredAt: isoInstant,
  }),
);

/** A refund needs no member when the order is unknown: a name that resolves to nobody is not an error. */
async function memberIfKnown(
  deps: WebhookDeps,
  source: string,
  ref: MemberReference,
): Promise<string | null> {
  if (!ref.memberId && !ref.externalMemberId && !ref.email) return null;
  try {
    return await resolveMember(deps, source, ref);
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** `order.paid` → tokens for the amount; `order.refunded` / `order.canceled` → take back what it gave. */
export const orders: WebhookKind = {
  prepare(body) {
    const { type, data } = parseWith(order, body);
    if (type === 'order.paid' && !data.memberId && !data.externalMemberId && !data.email) {
      throw new AppError('VALIDATION', 'data: memberId, externalMemberId or email is required', {
        details: { field: 'data' },
      });
    }
    const facts = { orderId: data.orderId, amount: data.total.amount, currency: data.total.currency };
    if (type === 'order.paid') {
      return (deps, { source }) => ({
        handle: async () =>
          issueOrderTokens(deps, {
            ...facts,
            source,
            memberId: await resolveMember(deps, source, data),
            couponCode: data.couponCode,
          }),
      });
    }
    return (deps, { source }) => ({
      handle: async () =>
        reverseOrderTokens(deps, { ...facts, source, memberId: await memberIfKnown(deps, source, data) }),
    });
  },
};
