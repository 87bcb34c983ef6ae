import { balances, items, pools } from '@wix/benefit-programs';
import { AppStrategy, createClient } from '@wix/sdk';
import type { Running } from '../../src/server/container';
import { type AppCredentials, onOrigin } from '../../src/wix/clients';

/**
 * The SDK as the Wix samples set it up, for the naive flows: `createClient` with `AppStrategy` and the
 * platform's fetch — none of the app's own parts (its HTTP transport, its deadlines). It reaches the same local
 * Wix as the app: in-process through the local Wix's own fetch, over HTTP with the SDK's path on its origin.
 */
export function naiveWixClient(running: Running) {
  const { credentials, fetch: reach } = localWixOf(running);
  return createClient({ modules: { pools, items, balances }, auth: AppStrategy(credentials), fetch: reach });
}

function localWixOf(running: Running): { credentials: AppCredentials; fetch: typeof fetch } {
  if (running.emulator) return { credentials: running.emulator.credentials, fetch: running.emulator.fetch };
  const wix = running.config.wix;
  if (wix.mode === 'emulator' || wix.target.kind !== 'app' || !wix.target.baseUrl) {
    throw new Error('the naive flows need a local Wix (in-process, or WIX_EMULATOR_URL)');
  }
  const { appId, appSecret, instanceId } = wix.target;
  return {
    credentials: { appId, appSecret, instanceId },
    fetch: onOrigin(wix.target.baseUrl, (input, init) => fetch(input, init)),
  };
}
