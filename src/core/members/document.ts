import { cnpj, cpf } from 'cpf-cnpj-validator';

/** CPF/CNPJ punctuation people and points of sale leave in. */
const PUNCTUATION = /[.\-/\s]/g;

/** A document's digits when its check digits hold: CPF 11 digits, CNPJ 14; otherwise undefined. */
export function documentOf(text: string): string | undefined {
  const digits = text.replace(PUNCTUATION, '');
  if (digits.length === 11 && /^\d+$/.test(digits) && cpf.isValid(digits)) return digits;
  if (digits.length === 14 && /^\d+$/.test(digits) && cnpj.isValid(digits)) return digits;
  return undefined;
}

/** Digits and document punctuation only: meant as a CPF/CNPJ, valid or not. */
export const looksLikeDocument = (text: string) => /^[\d.\-/\s]+$/.test(text);
