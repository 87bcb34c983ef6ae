import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Clock } from '../../core/clock';
import { isLocalName, isPrivateAddress } from '../../core/outbound/addresses';
import type { SendOutcome, WebhookSender } from '../../core/outbound/deliver';

/** `sha256=<hex HMAC-SHA256 of the exact body, keyed with the endpoint's whsec_… secret>`. */
export const expysSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

const TIMEOUT_MS = 10_000;

const RESOLVE_TIMEOUT_MS = 3_000;

/** Resolves a host (all addresses); rejects when it does not resolve in time. */
export async function resolveHost(hostname: string): Promise<string[]> {
  if (isIP(hostname)) return [hostname];
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('DNS lookup timed out')), RESOLVE_TIMEOUT_MS).unref();
  });
  const found = await Promise.race([lookup(hostname, { all: true }), timeout]);
  return found.map((a) => a.address);
}

/**
 * POSTs a delivery as Expys does: the body as queued, signed, with its event type and delivery id. Live
 * endpoints are checked again right before sending (a public name may have come to point inside). 2xx is
 * delivered; 3xx counts as a failure (redirects are not followed); 410 gives the delivery up.
 */
export function expysSender(environment: 'live' | 'sandbox', clock: Clock): WebhookSender {
  return async (delivery) => {
    const url = new URL(delivery.endpoint.url);
    if (environment === 'live' && (await notPublic(url.hostname.replace(/^\[|\]$/g, '')))) {
      return { ok: false, error: 'the endpoint resolves to a private address' };
    }
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'rewards-bridge-expys-webhooks/1',
          'x-expys-signature': expysSignature(delivery.endpoint.secret, delivery.payload),
          'x-expys-timestamp': String(Math.floor(clock.now().getTime() / 1000)),
          'x-expys-event': delivery.type,
          'x-expys-delivery': delivery.id,
        },
        body: delivery.payload,
      });
      await res.body?.cancel();
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    return outcomeOf(res);
  };
}

function outcomeOf(res: Response): SendOutcome {
  if (res.status >= 200 && res.status < 300) return { ok: true };
  const retryAfter = Number(res.headers.get('retry-after'));
  return {
    ok: false,
    error: `HTTP ${res.status}`,
    ...(res.status === 410 ? { final: true } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0
      ? { retryAfterSeconds: Math.min(retryAfter, 3600) }
      : {}),
  };
}

async function notPublic(hostname: string): Promise<boolean> {
  if (isLocalName(hostname)) return true;
  const addresses = await resolveHost(hostname).catch(() => []);
  return addresses.length === 0 || addresses.some(isPrivateAddress);
}
