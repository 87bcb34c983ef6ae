import type { CoreDeps } from '../deps';
import { AppError } from '../errors';
import { documentOf, looksLikeDocument } from './document';
import { findMemberBy } from './find-member-by';

/**
 * The site member staff mean by what they typed: an email, a CPF/CNPJ (check digits validated), or a site
 * member id. NOT_FOUND when nobody matches.
 */
export async function findMember(deps: CoreDeps, query: string): Promise<string> {
  const text = query.trim();
  const document = documentOf(text);
  const ref = text.includes('@') ? { email: text } : document ? { document } : undefined;
  const member = ref ? await findMemberBy(deps, ref) : (await deps.siteMembers.getMember(text))?.id;
  if (member) return member;
  if (looksLikeDocument(text)) {
    throw new AppError('VALIDATION', 'query: not a valid CPF (11 digits) or CNPJ (14 digits)', {
      details: { field: 'query' },
    });
  }
  throw new AppError('NOT_FOUND', 'No member with that id, email or CPF/CNPJ');
}
