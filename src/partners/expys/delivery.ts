import { createHmac } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Clock } from '../../core/clock';
import {
  bareHost,
  isIpAddress,
  isLocalName,
  isPublicAddress,
  type ResolveHost,
} from '../../core/outbound/addresses';
import type { SendOutcome, WebhookSender } from '../../core/outbound/deliver';

/** `sha256=<hex HMAC-SHA256 of the exact body, keyed with the endpoint's whsec_… secret>`. */
export const expysSignature = (secret: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

const TIMEOUT_MS = 10_000;

const RESOLVE_TIMEOUT_MS = 3_000;

/** Resolves a host (all addresses) with DNS; rejects when it does not resolve in time. */
export const resolveHost: ResolveHost = async (hostname) => {
  if (isIP(hostname)) return [hostname];
  const timeout = new Promise<never>((_, reject) => {
    setTimeout(() => reject(new Error('DNS lookup timed out')), RESOLVE_TIMEOUT_MS).unref();
  });
  const found = await Promise.race([lookup(hostname, { all: true }), timeout]);
  return found.map((a) => a.address);
};

/**
 * POSTs a delivery as Expys does: the body as queued, signed, with its event type and delivery id. Live
 * endpoints are resolved and checked right before each send (a public name may have come to point
 * inside), and the connection goes to the checked addresses only, so the name cannot change in between.
 * 2xx is delivered; 3xx counts as a failure (redirects are not followed); 410 gives the delivery up.
 */
export function expysSender(
  environment: 'live' | 'sandbox',
  clock: Clock,
  resolve: ResolveHost = resolveHost,
): WebhookSender {
  return async (delivery) => {
    const url = new URL(delivery.endpoint.url);
    let pinned: string[] | undefined;
    if (environment === 'live') {
      const checked = await publicAddressesOf(bareHost(url.hostname), resolve);
      if (!checked.ok) return { ok: false, error: checked.error };
      pinned = checked.addresses;
    }
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(delivery.payload),
      'user-agent': 'rewards-bridge-expys-webhooks/1',
      'x-expys-signature': expysSignature(delivery.endpoint.secret, delivery.payload),
      'x-expys-timestamp': String(Math.floor(clock.now().getTime() / 1000)),
      'x-expys-event': delivery.type,
      'x-expys-delivery': delivery.id,
    };
    try {
      return outcomeOf(await post(url, headers, delivery.payload, pinned));
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

type Checked = { ok: true; addresses: string[] } | { ok: false; error: string };

/** Every address the host has right now, when all of them are public. */
async function publicAddressesOf(host: string, resolve: ResolveHost): Promise<Checked> {
  if (isLocalName(host)) return { ok: false, error: `${host} is a local name, not a public host` };
  let addresses: string[];
  try {
    addresses = isIpAddress(host) ? [host] : await resolve(host);
  } catch (err) {
    return {
      ok: false,
      error: `${host} did not resolve: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (addresses.length === 0) return { ok: false, error: `${host} did not resolve` };
  const inside = addresses.find((address) => !isPublicAddress(address));
  if (inside) return { ok: false, error: `${host} resolves to ${inside}, not a public address` };
  return { ok: true, addresses };
}

/** A DNS lookup that answers only the addresses already checked. */
function pinnedLookup(addresses: string[]): LookupFunction {
  const answers = addresses.map((address) => ({ address, family: isIP(address) }));
  return (_hostname, options, callback) => {
    const [first] = answers;
    if (options.all) callback(null, answers);
    else if (first) callback(null, first.address, first.family);
    else callback(new Error('no checked address'), '', 0);
  };
}

function post(url: URL, headers: OutgoingHttpHeaders, body: string, pinned?: string[]) {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(pinned ? { lookup: pinnedLookup(pinned) } : {}),
      },
      (res) => {
        // The answer's body says nothing we use: drain it so the socket is freed.
        res.resume();
        resolve(res);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function outcomeOf(res: IncomingMessage): SendOutcome {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300) return { ok: true };
  const retryAfter = Number(res.headers['retry-after']);
  return {
    ok: false,
    error: `HTTP ${status}`,
    ...(status === 410 ? { final: true } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0
      ? { retryAfterSeconds: Math.min(retryAfter, 3600) }
      : {}),
  };
}
