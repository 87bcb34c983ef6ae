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

/** Where the SDK's requests go. */
export type WixTarget =
  /** The local Wix answering in-process (no port): `createClient({ fetch })` with its fetch. */
  | { kind: 'emulator'; fetch: typeof fetch }
  /** A local Wix served over HTTP (shared by several server processes). */
  | { kind: 'remote-emulator'; url: string }
  | { kind: 'api-key'; apiKey: string; siteId?: string | undefined; accountId?: string | undefined }
  | { kind: 'app'; appId: string; appSecret: string; instanceId: string; publicKey?: string | undefined };

/** `auth.elevate`'s shape: gateways call every SDK method through one of these. */
export type Elevate = typeof auth.elevate;

const localAuth = (principal: string) => ({
  getAuthHeaders: async () => ({ headers: { Authorization: principal } }),
});

/** Keeps the SDK's path and swaps the origin, so the real SDK reaches a local Wix served over HTTP. */
const rewriteOrigin =
  (url: string, inner: typeof fetch): typeof fetch =>
  (input, init) =>
    inner(
      String(input instanceof Request ? input.url : input).replace(
        /^https:\/\/(www|edge)\.wixapis\.com/,
        url,
      ),
      init,
    );

/** The deadline of every Wix call unless the caller sets one (the server's comes from WIX_CALL_TIMEOUT_MS). */
const DEFAULT_CALL_TIMEOUT_MS = 10_000;

function buildClient(target: WixTarget, principal: 'app' | 'app-elevated', callTimeoutMs: number) {
  switch (target.kind) {
    case 'emulator':
      return createClient({
        modules: wixModules,
        auth: localAuth(principal),
        fetch: withDeadline(target.fetch, callTimeoutMs),
      });
    case 'remote-emulator':
      return createClient({
        modules: wixModules,
        auth: localAuth(principal),
        fetch: withDeadline(rewriteOrigin(target.url.replace(/\/$/, ''), fetch), callTimeoutMs),
      });
    case 'api-key':
      return createClient({
        modules: wixModules,
        fetch: withDeadline(fetch, callTimeoutMs),
        auth: ApiKeyStrategy(
          target.siteId
            ? { apiKey: target.apiKey, siteId: target.siteId }
            : { apiKey: target.apiKey, accountId: target.accountId ?? '' },
        ),
      });
    case 'app':
      return createClient({
        modules: wixModules,
        fetch: withDeadline(fetch, callTimeoutMs),
        auth: AppStrategy({
          appId: target.appId,
          appSecret: target.appSecret,
          instanceId: target.instanceId,
          publicKey: target.publicKey,
        }),
      });
  }
}

export type WixClient = ReturnType<typeof buildClient>;

export interface WixClients {
  client: WixClient;
  elevated: WixClient;
  /** Runs an SDK function through this target's elevated client. */
  elevate: Elevate;
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
  const client = buildClient(target, 'app', callTimeoutMs);
  const elevated = buildClient(target, 'app-elevated', callTimeoutMs);
  if (options.registerContext) {
    client.enableContext('global');
    elevated.enableContext('global', { elevated: true });
    return { client, elevated, elevate: auth.elevate };
  }
  // A target that is not the process-wide context (a sandbox Wix) binds each function to its own client.
  const elevate = ((fn: Parameters<WixClient['use']>[0]) => elevated.use(fn)) as unknown as Elevate;
  return { client, elevated, elevate };
}
