import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors';
import { apiKeyMatches, hashApiKey } from '../../core/integrations/api-keys';
import { ensureIntegration } from '../../core/integrations/ensure';
import { type IntegrationDeps, validateSourceName } from '../../core/integrations/webhook-sources';
import type { Integration } from '../../core/ports/integrations';
import type { Currency } from '../../core/redemption';

export type Environment = Integration['environment'];

/** `expys_live_…` / `expys_sandbox_…`: the prefix names the environment, the rest is the secret. */
const KEY = /^expys_(live|sandbox)_[A-Za-z0-9_-]{24,200}$/;

export const environmentOfKey = (key: string): Environment | undefined =>
  KEY.exec(key)?.[1] as Environment | undefined;

/** The row's lookup id: a hash prefix, so no part of the key itself is stored in clear. */
const keyIdOf = (key: string) => createHash('sha256').update(`key-id:${key}`).digest('hex').slice(0, 24);

export const generateExpysKey = (environment: Environment) =>
  `expys_${environment}_${randomBytes(24).toString('base64url')}`;

export interface AddExpysInput {
  name: string;
  environment: Environment;
  /** A deployment may bring its own key; otherwise one is generated. */
  key?: string | undefined;
  currency?: Currency | undefined;
}

/**
 * An Expys-style partner gets an org key for one environment, stored only as a hash. The key is returned
 * here once. Its currency decides which catalog entries it sees (points by default, like Expys).
 */
export async function addExpysIntegration(
  deps: IntegrationDeps,
  input: AddExpysInput,
): Promise<{ integration: Integration; key: string }> {
  validateSourceName(input.name);
  const key = input.key ?? generateExpysKey(input.environment);
  const keyEnvironment = environmentOfKey(key);
  if (!keyEnvironment) {
    throw new AppError(
      'VALIDATION',
      'key must be expys_live_… or expys_sandbox_… with at least 24 characters after it',
    );
  }
  if (keyEnvironment !== input.environment) {
    throw new AppError(
      'VALIDATION',
      `a ${keyEnvironment} key cannot be used for the ${input.environment} environment`,
    );
  }
  const integration: Integration = {
    id: deps.ids.next('int'),
    name: input.name,
    kind: 'expys',
    environment: input.environment,
    currency: input.currency ?? 'points',
    webhookSecret: null,
    keyId: keyIdOf(key),
    keyHash: hashApiKey(key),
    createdAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.integrations.insert(integration))) {
    throw new AppError('VALIDATION', `An integration named ${input.name} (or with this key) already exists`, {
      details: { name: input.name },
    });
  }
  return { integration, key };
}

/** The integration, created when missing (the demo's); `key` only when it was created now. */
export async function ensureExpysIntegration(
  deps: IntegrationDeps,
  input: AddExpysInput,
): Promise<{ integration: Integration; key: string | null }> {
  const { integration, credentials } = await ensureIntegration(deps, input.name, async () => {
    const added = await addExpysIntegration(deps, input);
    return { integration: added.integration, credentials: added.key };
  });
  return { integration, key: credentials };
}

/** The Expys integration an org key belongs to (compared in constant time), or undefined. */
export async function integrationOfKey(deps: IntegrationDeps, key: string): Promise<Integration | undefined> {
  if (!environmentOfKey(key)) return undefined;
  const found = await deps.store.integrations.findByKeyId('expys', keyIdOf(key));
  return found && apiKeyMatches(key, found.keyHash) ? found : undefined;
}
