import { randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors';
import { apiKeyMatches, hashApiKey } from '../../core/integrations/api-keys';
import { ensureIntegration } from '../../core/integrations/ensure';
import { type IntegrationDeps, validateSourceName } from '../../core/integrations/webhook-sources';
import type { Integration } from '../../core/ports/integrations';

// BonifiQ-style credentials are an API token (the HTTP Basic user: public, finds the row) and an API key
// (the password: stored only as its sha256). A point of sale moving over keeps its own pair (--token/--key).
const TOKEN = /^[A-Za-z0-9._~+/=-]{8,200}$/;
const KEY = /^[\x21-\x7e]{16,200}$/;

export interface BonifiqCredentials {
  token: string;
  key: string;
}

export const generateBonifiqCredentials = (): BonifiqCredentials => ({
  token: `bqt_${randomBytes(12).toString('base64url')}`,
  key: `bqk_${randomBytes(24).toString('base64url')}`,
});

export interface AddBonifiqInput {
  name: string;
  token?: string | undefined;
  key?: string | undefined;
}

/** A point of sale gets its token:key pair; the key is returned here once and stored only as a hash. */
export async function addBonifiqIntegration(
  deps: IntegrationDeps,
  input: AddBonifiqInput,
): Promise<{ integration: Integration } & BonifiqCredentials> {
  validateSourceName(input.name);
  const generated = generateBonifiqCredentials();
  const token = input.token ?? generated.token;
  const key = input.key ?? generated.key;
  if (!TOKEN.test(token)) {
    throw new AppError('VALIDATION', 'token must be 8-200 characters: letters, digits or ._~+/=- (no colon)');
  }
  if (!KEY.test(key)) throw new AppError('VALIDATION', 'key must be 16-200 printable characters, no spaces');
  const integration: Integration = {
    id: deps.ids.next('int'),
    name: input.name,
    kind: 'bonifiq',
    environment: 'live',
    currency: 'points',
    webhookSecret: null,
    keyId: token,
    keyHash: hashApiKey(key),
    createdAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.integrations.insert(integration))) {
    throw new AppError(
      'VALIDATION',
      `An integration named ${input.name} (or with this token) already exists`,
      {
        details: { name: input.name },
      },
    );
  }
  return { integration, token, key };
}

/** The integration, created when missing (the demo's); credentials only when it was created now. */
export async function ensureBonifiqIntegration(
  deps: IntegrationDeps,
  name: string,
): Promise<{ integration: Integration; credentials: BonifiqCredentials | null }> {
  return ensureIntegration(deps, name, async () => {
    const { integration, token, key } = await addBonifiqIntegration(deps, { name });
    return { integration, credentials: { token, key } };
  });
}

/** A hash no key has: an unknown token costs the same comparison as a known one. */
const NO_HASH = hashApiKey(randomBytes(32).toString('hex'));

/** The BonifiQ integration of a token:key pair (the key compared in constant time); UNAUTHENTICATED otherwise. */
export async function authenticateBonifiq(
  deps: IntegrationDeps,
  credentials: BonifiqCredentials,
): Promise<Integration> {
  const found = TOKEN.test(credentials.token)
    ? await deps.store.integrations.findByKeyId('bonifiq', credentials.token)
    : undefined;
  const matches = apiKeyMatches(credentials.key, found?.keyHash ?? NO_HASH);
  if (!found || !matches) throw new AppError('UNAUTHENTICATED', 'Wrong API token or API key');
  return found;
}
