import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { findCustomer } from './customer';
import { documentOf, looksLikeDocument } from './document';

/**
 * The site member staff mean by what they typed: an email, a CPF/CNPJ (check digits validated), or a site
 * member id. NOT_FOUND when nobody matches.
 */
export async function findMember(deps: CoreDeps, query: string): Promise<string> {
  const text = query.trim();
  if (text.includes('@')) return findCustomer(deps, { email: text.toLowerCase() });
  const document = documentOf(text);
  if (document) return findCustomer(deps, { document });
  const member = await deps.siteMembers.getMember(text);
  if (member) return member.id;
  if (looksLikeDocument(text)) {
    throw new AppError('VALIDATION', 'query: not a valid CPF (11 digits) or CNPJ (14 digits)', {
      details: { field: 'query' },
    });
  }
  throw new AppError('NOT_FOUND', 'No member with that id, email or CPF/CNPJ');
}
