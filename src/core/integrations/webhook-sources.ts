import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Integration, IntegrationRepo } from '../ports/integrations';
import { ensureIntegration } from './ensure';

export interface IntegrationDeps {
  store: { integrations: IntegrationRepo };
  clock: Clock;
  ids: IdGenerator;
}

/** URL-safe, and not `wix` (Wix's own events live at /webhooks/wix). */
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;
const RESERVED = new Set(['wix']);
const SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
/** Standard Webhooks: secrets of at least 24 random bytes. */
const MIN_SECRET_BYTES = 24;

export function validateSourceName(name: string): void {
  if (!NAME.test(name) || RESERVED.has(name)) {
    throw new AppError(
      'VALIDATION',
      'name must be 1-40 lowercase letters, digits or dashes, starting with a letter or digit, and not "wix"',
    );
  }
}

/** A new `whsec_` secret: 32 random bytes, base64. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

function validateSecret(secret: string): void {
  const bytes = SECRET.test(secret) ? Buffer.from(secret.slice('whsec_'.length), 'base64').length : 0;
  if (bytes < MIN_SECRET_BYTES) {
    throw new AppError(
      'VALIDATION',
      `secret must be whsec_ followed by at least ${MIN_SECRET_BYTES} bytes in base64`,
    );
  }
}

/**
 * A partner system that sends us webhooks gets its own source: its name in the URLs and its own secret. A
 * deployment may bring the secret (`--secret`); otherwise one is generated. The secret is returned here once.
 */
export async function addWebhookSource(
  deps: IntegrationDeps,
  input: { name: string; secret?: string | undefined },
): Promise<{ integration: Integration; secret: string }> {
  validateSourceName(input.name);
  const secret = input.secret ?? generateWebhookSecret();
  validateSecret(secret);
  const integration: Integration = {
    id: deps.ids.next('int'),
    name: input.name,
    kind: 'webhook',
    environment: 'live',
    currency: 'tokens',
    webhookSecret: secret,
    keyId: null,
    keyHash: null,
    createdAt: deps.clock.now().toISOString(),
  };
  if (!(await deps.store.integrations.insert(integration))) {
    throw new AppError('VALIDATION', `An integration named ${input.name} already exists`, {
      details: { name: input.name },
    });
  }
  return { integration, secret };
}

/** The source, created when missing (the demo's); `secret` only when it was created now. */
export async function ensureWebhookSource(
  deps: IntegrationDeps,
  name: string,
): Promise<{ integration: Integration; secret: string | null }> {
  const { integration, credentials } = await ensureIntegration(deps, name, async () => {
    const added = await addWebhookSource(deps, { name });
    return { integration: added.integration, credentials: added.secret };
  });
  return { integration, secret: credentials };
}

/** The webhook source named in a URL; NOT_FOUND for unknown names and for partner API integrations. */
export async function webhookSourceOf(
  deps: IntegrationDeps,
  name: string,
): Promise<Integration & { webhookSecret: string }> {
  const integration = await deps.store.integrations.getByName(name);
  if (integration?.kind !== 'webhook' || !integration.webhookSecret) {
    throw new AppError('NOT_FOUND', `No webhook source ${name}`);
  }
  return { ...integration, webhookSecret: integration.webhookSecret };
}

export const listIntegrations = (deps: IntegrationDeps): Promise<Integration[]> =>
  deps.store.integrations.list();

export async function removeIntegration(deps: IntegrationDeps, name: string): Promise<void> {
  if (!(await deps.store.integrations.remove(name)))
    throw new AppError('NOT_FOUND', `No integration ${name}`);
}
