import type { Integration } from '../ports/integrations';
import type { IntegrationDeps } from './webhook-sources';

/**
 * The integration `name`, created by `add` when missing (the demo's): its credentials only when it was
 * created now (they are shown once). When another instance creates it at the same moment, theirs is kept.
 */
export async function ensureIntegration<C>(
  deps: IntegrationDeps,
  name: string,
  add: () => Promise<{ integration: Integration; credentials: C }>,
): Promise<{ integration: Integration; credentials: C | null }> {
  const existing = await deps.store.integrations.getByName(name);
  if (existing) return { integration: existing, credentials: null };
  try {
    return await add();
  } catch (err) {
    const raced = await deps.store.integrations.getByName(name);
    if (raced) return { integration: raced, credentials: null };
    throw err;
  }
}
