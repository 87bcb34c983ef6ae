import { z } from '@hono/zod-openapi';
import { cnpj, cpf } from 'cpf-cnpj-validator';
import type { CustomerRef } from '../../core/pos/customer';

/** CPF/CNPJ punctuation a PoS may leave in (BonifiQ asks for digits only; being lenient costs nothing). */
const PUNCTUATION = /[.\-/\s]/g;

/** A document's check digits, validated: CPF 11 digits, CNPJ 14. */
function documentOf(text: string): string | undefined {
  const digits = text.replace(PUNCTUATION, '');
  if (digits.length === 11 && /^\d+$/.test(digits) && cpf.isValid(digits)) return digits;
  if (digits.length === 14 && /^\d+$/.test(digits) && cnpj.isValid(digits)) return digits;
  return undefined;
}

const looksLikeDocument = (text: string) => /^[\d.\-/\s]+$/.test(text);

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
      if (z.email().safeParse(text).success) return { email: text.toLowerCase() };
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
