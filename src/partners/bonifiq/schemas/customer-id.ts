import { z } from '@hono/zod-openapi';
import type { CustomerRef } from '../../../core/members/customer';
import { documentOf, looksLikeDocument } from '../../../core/members/document';
import { normalizeEmail } from '../../../core/members/normalize';

/**
 * BonifiQ's customer id: an email, or a CPF/CNPJ (digits; check digits validated — an invalid one is a 400,
 * never a lookup). Parsed into how the core names a customer.
 */
export const customerIdSchema = z
  .string()
  .trim()
  .min(1)
  .max(320)
  .transform((text, ctx): CustomerRef => {
    if (text.includes('@')) {
      if (z.email().safeParse(text).success) return { email: normalizeEmail(text) };
      ctx.addIssue({ code: 'custom', message: 'must be a valid email' });
      return z.NEVER;
    }
    const document = documentOf(text);
    if (document) return { document };
    ctx.addIssue({
      code: 'custom',
      message: looksLikeDocument(text)
        ? 'not a valid CPF (11 digits) or CNPJ (14 digits): check digits do not match'
        : 'must be an email or a CPF/CNPJ',
    });
    return z.NEVER;
  })
  .openapi({
    description: 'Email, or CPF/CNPJ digits (check digits validated)',
    example: 'maria@example.com',
  });
