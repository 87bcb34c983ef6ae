import {
  balances,
  items,
  poolDefinitions,
  pools,
  programDefinitions,
  programs,
  transactions,
} from '@wix/benefit-programs';
import { contacts } from '@wix/crm';
import { auth } from '@wix/essentials';
import { accounts, coupons, transactions as loyaltyTransactions, rewards } from '@wix/loyalty';
import { members } from '@wix/members';
import { ApiKeyStrategy, AppStrategy, createClient } from '@wix/sdk';
import { withDeadline } from './deadline';
import { routeTokenTraffic } from './token-routing';
import { createWixTransport } from './transport';

/** Every SDK module the app uses, bound on one client. */
export const wixModules = {
  pools,
  balances,
  programs,
  programDefinitions,
  poolDefinitions,
  items,
  transactions,
  accounts,
  rewards,
  coupons,
  loyaltyTransactions,
  members,
  contacts,
};

/** What an app holds to call Wix as itself, for one app instance (one site). */
export interface AppCredentials {
  appId: string;
  appSecret: string;
  instanceId: string;
}

/**
 * Where the SDK's requests go. Real Wix and a local Wix are reached the same way, as an app instance
 * (`AppStrategy`); only where the requests go and the credentials differ.
 */
export type WixTarget =
  | (AppCredentials & {
      kind: 'app';
      publicKey?: string | undefined;
      /** A local Wix served over HTTP (shared by several server processes); its URL. */
      baseUrl?: string | undefined;
      /** A local Wix answering in-process (no port): its fetch. */
      fetch?: typeof fetch | undefined;
    })
  | { kind: 'api-key'; apiKey: string; siteId?: string | undefined; accountId?: string | undefined };

/** `auth.elevate`'s shape: gateways call every SDK method through one of these. */
export type Elevate = typeof auth.elevate;

/** Every Wix served over HTTP (real or local) is reached through one transport per process: its connections. */
let transport: typeof fetch | undefined;
const httpTransport = (): typeof fetch => {
  transport ??= createWixTransport();
  return transport;
};

/** Keeps the SDK's path and swaps the origin, so the real SDK reaches a local Wix served over HTTP at `origin`. */
export const onOrigin = (origin: string, out: typeof fetch): typeof fetch => {
  const base = origin.replace(/\/$/, '');
  return (input, init) =>
    out(
      String(input instanceof Request ? input.url : input).replace(
        /^https:\/\/(www|edge)\.wixapis\.com/,
        base,
      ),
      init,
    );
};

/** The fetch that reaches this target's Wix: an in-process local Wix's, else HTTP to its URL or to Wix. */
const reachOf = (target: WixTarget): typeof fetch =>
  target.kind === 'app' && target.fetch
    ? target.fetch
    : target.kind === 'app' && target.baseUrl
      ? onOrigin(target.baseUrl, httpTransport())
      : httpTransport();

/** The deadline of every Wix call unless the caller sets one (the server's comes from WIX_CALL_TIMEOUT_MS). */
const DEFAULT_CALL_TIMEOUT_MS = 10_000;

function buildClient(reach: typeof fetch, auth: ReturnType<typeof authOf>, callTimeoutMs: number) {
  return createClient({ modules: wixModules, auth, fetch: withDeadline(reach, callTimeoutMs) });
}

function authOf(target: WixTarget) {
  if (target.kind === 'api-key') {
    return ApiKeyStrategy(
      target.siteId
        ? { apiKey: target.apiKey, siteId: target.siteId }
        : { apiKey: target.apiKey, accountId: target.accountId ?? '' },
    );
  }
  return AppStrategy({
    appId: target.appId,
    appSecret: target.appSecret,
    instanceId: target.instanceId,
    publicKey: target.publicKey,
  });
}

export type WixClient = ReturnType<typeof buildClient>;

export interface WixClients {
  client: WixClient;
  elevated: WixClient;
  /** Runs an SDK function through this target's elevated client. */
  elevate: Elevate;
  /** Reaches this Wix's endpoints by their www.wixapis.com URL (e.g. `/oauth2/token-info`). */
  fetch: typeof fetch;
  /** Stops routing this instance's token traffic to its local Wix. */
  close(): void;
}

/**
 * Two real SDK clients for one Wix (normal and elevated). With `registerContext`, they become the
 * process-wide Wix context, so `auth.elevate(...)` and top-level SDK calls work outside Wix hosting as they
 * do on it — without a registered context those calls silently return a function and make no request.
 */
export function createWixClients(
  target: WixTarget,
  options: { registerContext?: boolean; callTimeoutMs?: number } = {},
): WixClients {
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const reach = reachOf(target);
  // AppStrategy fetches its token with the global fetch: a local Wix must answer that too, and a token
  // request goes out the same way, with the same deadline, as every other Wix call.
  const close = target.kind === 'app' ? routeTokenTraffic(target.instanceId, reach, callTimeoutMs) : () => {};
  // One strategy for both: the app's token is the elevated identity (Wix: "elevate for self-hosting").
  const strategy = authOf(target);
  const client = buildClient(reach, strategy, callTimeoutMs);
  const elevated = buildClient(reach, strategy, callTimeoutMs);
  const parts = {
    client,
    elevated,
    fetch: reach,
    close,
  } satisfies Omit<WixClients, 'elevate'>;
  if (options.registerContext) {
    client.enableContext('global');
    elevated.enableContext('global', { elevated: true });
    return { ...parts, elevate: auth.elevate };
  }
  // A target that is not the process-wide context (a sandbox Wix) binds each function to its own client.
  const elevate = ((fn: Parameters<WixClient['use']>[0]) => elevated.use(fn)) as unknown as Elevate;
  return { ...parts, elevate };
}
