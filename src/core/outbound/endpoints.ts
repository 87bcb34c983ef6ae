import type { Clock } from '../clock';
import { AppError } from '../errors';
import type { IdGenerator } from '../ids';
import { generateWebhookSecret } from '../integrations/webhook-sources';
import type { OutboxRepo, WebhookEndpoint } from '../ports/outbox';
import { bareHost, isIpAddress, isLocalName, isPublicAddress, type ResolveHost } from './addresses';

export interface EndpointDeps {
  store: { outbox: OutboxRepo; transaction<T>(fn: (tx: { outbox: OutboxRepo }) => Promise<T>): Promise<T> };
  clock: Clock;
  ids: IdGenerator;
}

export interface RegisterEndpointInput {
  integration: string;
  /** Live endpoints must be public https; sandbox ones may point at this machine. */
  environment: 'live' | 'sandbox';
  url: string;
  events: string[];
  /** The event names this surface sends. */
  knownEvents: readonly string[];
  /** Active endpoints an integration may have. */
  maxActive: number;
  /** Resolves a host name (best effort): a live URL whose name points at a private address is refused. */
  resolveHost?: ResolveHost;
}

const refuse = (reason: string, message: string, field: string) =>
  new AppError('VALIDATION', message, { details: { reason, field } });

/**
 * A partner registers a URL for some events. Its signing secret is generated here and returned this once
 * (it stays readable in the store: signing needs it). Live URLs must be https and public — checked on the
 * name, its literal address and (best effort) what the name resolves to; the sender checks again.
 */
export async function registerEndpoint(
  deps: EndpointDeps,
  input: RegisterEndpointInput,
): Promise<WebhookEndpoint> {
  const events = [...new Set(input.events)];
  const unknown = events.filter((e) => !input.knownEvents.includes(e));
  if (events.length === 0 || unknown.length > 0) {
    throw refuse(
      'WEBHOOK_EVENT_UNKNOWN',
      events.length === 0 ? 'events: name at least one event' : `events: unknown ${unknown.join(', ')}`,
      'events',
    );
  }
  await checkUrl(input);
  const endpoint: WebhookEndpoint = {
    id: deps.ids.next('whk'),
    integration: input.integration,
    url: input.url,
    events,
    secret: generateWebhookSecret(),
    createdAt: deps.clock.now().toISOString(),
    disabledAt: null,
  };
  await deps.store.transaction(async (tx) => {
    const active = (await tx.outbox.listEndpoints(input.integration)).filter((e) => !e.disabledAt);
    if (active.length >= input.maxActive) {
      throw new AppError(
        'VALIDATION',
        `At most ${input.maxActive} active webhook endpoints; delete one first`,
        {
          details: { reason: 'WEBHOOK_LIMIT_REACHED', field: 'url' },
        },
      );
    }
    await tx.outbox.addEndpoint(endpoint);
  });
  return endpoint;
}

export async function checkUrl(input: Pick<RegisterEndpointInput, 'url' | 'environment' | 'resolveHost'>) {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: not a valid URL', 'url');
  }
  if (url.username || url.password) {
    throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: must not carry credentials', 'url');
  }
  if (input.environment === 'sandbox') {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: must be http or https', 'url');
    }
    return;
  }
  if (url.protocol !== 'https:')
    throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: live endpoints must use https', 'url');
  const host = bareHost(url.hostname);
  if (isLocalName(host) || (isIpAddress(host) && !isPublicAddress(host))) {
    throw refuse(
      'WEBHOOK_URL_NOT_ALLOWED',
      'url: live endpoints must be public (not private or loopback)',
      'url',
    );
  }
  if (isIpAddress(host)) return;
  // Best effort here (the name may not resolve yet); every delivery checks again before it connects.
  const addresses = await input.resolveHost?.(host).catch(() => []);
  if (addresses?.some((address) => !isPublicAddress(address))) {
    throw refuse('WEBHOOK_URL_NOT_ALLOWED', 'url: the host resolves to a private address', 'url');
  }
}

/** The integration's endpoints, newest first (secrets never leave here). */
export async function listEndpoints(deps: EndpointDeps, integration: string) {
  return (await deps.store.outbox.listEndpoints(integration)).map(({ secret: _, ...rest }) => rest);
}

/** Soft-disables the endpoint: no new deliveries; queued ones are dropped. */
export async function disableEndpoint(deps: EndpointDeps, integration: string, id: string) {
  const disabled = await deps.store.outbox.disableEndpoint(integration, id, deps.clock.now().toISOString());
  if (!disabled) throw new AppError('NOT_FOUND', `No webhook endpoint ${id}`);
  const { secret: _, ...rest } = disabled;
  return rest;
}
