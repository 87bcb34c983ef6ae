import type { CoreDeps } from '../deps';
import { AppError } from '../errors';

/** A published legal document version (program config): its text never changes once published. */
export interface TermsDocument {
  type: 'TERMS_OF_SERVICE' | 'PRIVACY_POLICY';
  version: string;
  publishedAt: string;
  contentHTML: string;
}

export interface TermsStatus {
  type: TermsDocument['type'];
  version: string;
  publishedAt: string;
  /** Null while this version is outstanding (also when only an earlier version was accepted). */
  acceptedAt: string | null;
}

/** The current version of each document type: the latest published. */
export function currentTerms(documents: readonly TermsDocument[]): TermsDocument[] {
  const latest = new Map<string, TermsDocument>();
  for (const doc of documents) {
    const known = latest.get(doc.type);
    if (!known || doc.publishedAt > known.publishedAt) latest.set(doc.type, doc);
  }
  return [...latest.values()];
}

/** The current documents and whether the partner's user accepted them. */
export async function termsFor(
  deps: CoreDeps,
  documents: readonly TermsDocument[],
  user: { integration: string; externalId: string },
): Promise<TermsStatus[]> {
  const accepted = await deps.store.termsAcceptances.accepted(user.integration, user.externalId);
  return currentTerms(documents).map((d) => ({
    type: d.type,
    version: d.version,
    publishedAt: d.publishedAt,
    acceptedAt: accepted.get(d.version) ?? null,
  }));
}

/** One published version; NOT_FOUND otherwise. */
export function termsContent(documents: readonly TermsDocument[], version: string): TermsDocument {
  const doc = documents.find((d) => d.version === version);
  if (!doc) throw new AppError('NOT_FOUND', `No terms version ${version}`);
  return doc;
}

/** Records the user's acceptance of published versions (again: nothing changes); unknown ones are refused. */
export async function acceptTerms(
  deps: CoreDeps,
  documents: readonly TermsDocument[],
  user: { integration: string; externalId: string; versions: readonly string[] },
): Promise<TermsStatus[]> {
  const unknown = user.versions.filter((v) => !documents.some((d) => d.version === v));
  if (unknown.length > 0) {
    throw new AppError('VALIDATION', `versions: not published: ${unknown.join(', ')}`, {
      details: { field: 'versions' },
    });
  }
  await deps.store.termsAcceptances.accept(
    user.integration,
    user.externalId,
    user.versions,
    deps.clock.now().toISOString(),
  );
  return termsFor(deps, documents, user);
}
