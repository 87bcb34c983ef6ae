// One form for the facts members are looked up by, so every surface, the member directory and what it
// compares agree. Wix matches login emails case-insensitively; CPF/CNPJ arrive with or without punctuation.

/** An email as it is stored and compared: trimmed, lowercased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** CPF/CNPJ punctuation people and points of sale leave in. */
const PUNCTUATION = /[.\-/\s]/g;

/** A document as it is stored and compared: its characters without punctuation (digits, when well formed). */
export const normalizeDocument = (document: string): string => document.replace(PUNCTUATION, '');
