import type { CoreDeps } from '../deps';
import { normalizeDocument, normalizeEmail } from './normalize';

/** How a surface names a member by what it knows of them: an email, or CPF/CNPJ digits. */
export type MemberRef = { email: string } | { document: string };

/**
 * The site member an email or document names, normalized once here: through the member directory (an email
 * also through Wix, for members the directory has not seen yet). Undefined when nobody matches: each
 * surface says not-found its own way.
 */
export async function findMemberBy(deps: CoreDeps, ref: MemberRef): Promise<string | undefined> {
  if ('document' in ref)
    return (await deps.store.members.findByDocument(normalizeDocument(ref.document)))?.memberId;
  const email = normalizeEmail(ref.email);
  const known = await deps.store.members.findByEmail(email);
  if (known) return known.memberId;
  return (await deps.siteMembers.findMemberByEmail(email))?.id;
}
