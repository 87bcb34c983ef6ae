import { cnpj, cpf } from 'cpf-cnpj-validator';
import { normalizeDocument } from './normalize';

/** A document's digits when its check digits hold: CPF 11 digits, CNPJ 14; otherwise undefined. */
export function documentOf(text: string): string | undefined {
  const digits = normalizeDocument(text);
  if (digits.length === 11 && /^\d+$/.test(digits) && cpf.isValid(digits)) return digits;
  if (digits.length === 14 && /^\d+$/.test(digits) && cnpj.isValid(digits)) return digits;
  return undefined;
}

/** Digits and document punctuation only: meant as a CPF/CNPJ, valid or not. */
export const looksLikeDocument = (text: string) => /^[\d.\-/\s]+$/.test(text);
