import { z } from 'zod';
import { AppError } from '../core/errors';
import {
  addWebhookSource,
  type IntegrationDeps,
  listIntegrations,
  removeIntegration,
  webhookSourceOf,
} from '../core/integrations/webhook-sources';
import { normalizeDocument, normalizeEmail } from '../core/members/normalize';
import type { ChallengeRepo } from '../core/ports/challenges';
import { addBonifiqIntegration } from '../partners/bonifiq/keys';
import { addExpysIntegration } from '../partners/expys/keys';

const optional = z.string().min(1).optional();

/** What `npm run integration` (and `npm run send`, for a source's secret) asks of the data folder's store. */
export const integrationCommandSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('add-webhook'), name: z.string(), secret: optional }),
  z.object({
    action: z.literal('add-expys'),
    name: z.string(),
    environment: z.enum(['live', 'sandbox']),
    key: optional,
    currency: z.enum(['tokens', 'points']).optional(),
  }),
  z.object({ action: z.literal('add-bonifiq'), name: z.string(), token: optional, key: optional }),
  z.object({ action: z.literal('list') }),
  z.object({ action: z.literal('remove'), name: z.string() }),
  z.object({ action: z.literal('webhook-secret'), name: z.string() }),
  z.object({ action: z.literal('validate-customer'), name: z.string(), on: z.boolean() }),
  z.object({ action: z.literal('challenge-code'), name: z.string(), customer: optional }),
]);
export type IntegrationCommand = z.infer<typeof integrationCommandSchema>;

export interface IntegrationRow {
  name: string;
  kind: string;
  environment: string;
  currency: string;
  createdAt: string;
}

/** What a command answers; the secret, key and token are the ones shown once. */
export interface IntegrationCommandResult {
  added?: IntegrationRow;
  secret?: string;
  key?: string;
  token?: string;
  integrations?: IntegrationRow[];
  removed?: string;
  /** `set bonifiq --validate-customer`: whether the point of sale now requires a passed challenge. */
  validatesCustomer?: boolean;
  /** The latest code the local challenge sender delivered. */
  code?: string;
}

type CommandDeps = IntegrationDeps & { store: IntegrationDeps['store'] & { challenges: ChallengeRepo } };

/** One command, run by the CLI on the files or by the server that owns them: the same use cases either way. */
export async function runIntegrationCommand(
  deps: CommandDeps,
  command: IntegrationCommand,
): Promise<IntegrationCommandResult> {
  switch (command.action) {
    case 'add-webhook': {
      const { integration, secret } = await addWebhookSource(deps, command);
      return { added: rowOf(integration), secret };
    }
    case 'add-expys': {
      const { integration, key } = await addExpysIntegration(deps, command);
      return { added: rowOf(integration), key };
    }
    case 'add-bonifiq': {
      const { integration, token, key } = await addBonifiqIntegration(deps, command);
      return { added: rowOf(integration), token, key };
    }
    case 'list':
      return { integrations: (await listIntegrations(deps)).map(rowOf) };
    case 'remove':
      await removeIntegration(deps, command.name);
      return { removed: command.name };
    case 'webhook-secret':
      return { secret: (await webhookSourceOf(deps, command.name)).webhookSecret };
    case 'validate-customer': {
      const integration = await deps.store.integrations.getByName(command.name);
      if (integration?.kind !== 'bonifiq') {
        throw new AppError('NOT_FOUND', `No bonifiq point of sale ${command.name}`);
      }
      await deps.store.challenges.setShouldValidate(command.name, command.on, deps.clock.now());
      return { validatesCustomer: command.on };
    }
    case 'challenge-code': {
      // The local sender's inbox: the code a customer would have received by SMS or email.
      const customer = command.customer?.includes('@')
        ? normalizeEmail(command.customer)
        : command.customer && normalizeDocument(command.customer);
      const latest = await deps.store.challenges.latestLocalCode(command.name, customer || undefined);
      if (!latest) {
        throw new AppError(
          'NOT_FOUND',
          `No challenge code sent by ${command.name}${customer ? ` to ${customer}` : ''}`,
        );
      }
      return { code: latest.code };
    }
  }
}

/** What is shown of an integration: never its secret nor its key hash. */
const rowOf = (i: IntegrationRow): IntegrationRow => ({
  name: i.name,
  kind: i.kind,
  environment: i.environment,
  currency: i.currency,
  createdAt: i.createdAt,
});
