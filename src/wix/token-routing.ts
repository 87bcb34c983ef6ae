import { decodeJwt } from 'jose';
import { withDeadline } from './deadline';

/**
 * `AppStrategy` fetches its access token, and `auth.getTokenInfo()` asks about a token, with the GLOBAL
 * fetch at https://www.wixapis.com/oauth2/… — the client's own `fetch` is not used for them. To let a
 * process reach a local Wix exactly as it reaches Wix, that token traffic is routed by app instance: a
 * request about a registered instance goes to its local Wix (or, for real Wix, out as before) with the deadline
 * of every other Wix call; everything else goes out untouched.
 */
const TOKEN_TRAFFIC = /^https:\/\/(www|edge)\.wixapis\.com\/oauth2\/(token|token-info)$/;
const routes = new Map<string, typeof fetch>();
let installed = false;

/**
 * Sends the token traffic of `instanceId` to `to` (the fetch that reaches its Wix, local or real), abandoned
 * at `timeoutMs` like every other Wix call, until the returned function is called.
 */
export function routeTokenTraffic(instanceId: string, to: typeof fetch, timeoutMs: number): () => void {
  const route = withDeadline(to, timeoutMs);
  install();
  routes.set(instanceId, route);
  return () => {
    if (routes.get(instanceId) === route) routes.delete(instanceId);
  };
}

/** Hooks the global fetch once. */
function install(): void {
  if (installed) return;
  installed = true;
  const original = globalThis.fetch;
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const route = routeOf(input, init);
    return route ? route(input, init) : original(input, init);
  }) as typeof fetch;
}

function routeOf(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
): typeof fetch | undefined {
  if (routes.size === 0) return undefined;
  const url = input instanceof Request ? input.url : String(input);
  if (!TOKEN_TRAFFIC.test(url) || typeof init?.body !== 'string') return undefined;
  const instanceId = instanceOf(init.body);
  return instanceId ? routes.get(instanceId) : undefined;
}

/** The instance a token request is about: `instance_id` (client credentials) or the token's own claim. */
function instanceOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { instance_id?: unknown; token?: unknown };
    if (typeof parsed.instance_id === 'string') return parsed.instance_id;
    if (typeof parsed.token !== 'string') return undefined;
    const jwt = parsed.token.split('.').slice(-3).join('.');
    const claim = decodeJwt(jwt).instanceId;
    return typeof claim === 'string' ? claim : undefined;
  } catch {
    return undefined;
  }
}
